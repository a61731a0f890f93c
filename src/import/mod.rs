pub mod wamnet;
