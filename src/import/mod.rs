pub mod wamnet;
pub mod yaml_out;
