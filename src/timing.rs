//! Stage timings for profiling and the benchmark (`KYOTEN_TIMINGS=1`), never for tests.

/// Runs one stage; with `KYOTEN_TIMINGS=1` its wall time goes to stderr.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("KYOTEN_TIMINGS").is_none() {
        return f();
    }
    let start = std::time::Instant::now();
    let out = f();
    eprintln!("timing: {name:<10} {:>8.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    out
}
