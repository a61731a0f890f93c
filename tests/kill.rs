//! Issue 7, nothing lost: `kyoten build` killed with SIGKILL at random moments
//! leaves the previous output complete after every kill, and the next run clears
//! whatever the killed one left behind.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn build(root: &Path, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kyoten"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start kyoten build")
}

/// A small deterministic generator (xorshift), seeded from the clock and printed,
/// so a failing run can be repeated with KYOTEN_KILL_SEED.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn sigkill_at_random_moments_never_damages_the_output() {
    let site = common::scratch_site();
    let root = site.path();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("public");

    // The last good output, and how long a whole build takes — timed on a rebuild,
    // the kind of build the kills hit (a first build into an empty folder is slower,
    // and timing it let most kills land after the build had finished when the
    // machine was busy).
    assert!(build(root, &out).wait().unwrap().success(), "the first build succeeds");
    let started = Instant::now();
    assert!(build(root, &out).wait().unwrap().success(), "a rebuild succeeds");
    let full = started.elapsed();
    let good = common::snapshot(&out);
    assert!(good.len() > 20, "the first build wrote {} files", good.len());

    let seed = std::env::var("KYOTEN_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("KYOTEN_KILL_SEED={seed} (one build: {} ms)", full.as_millis());
    let mut rng = Rng(seed);
    let runs = 40;
    let mut killed_mid_build = 0;
    for run in 0..runs {
        // Kill anywhere from the start to a little past a whole build's time.
        let at = Duration::from_micros(rng.next() % (full.as_micros() as u64 * 11 / 10 + 1));
        let mut child = build(root, &out);
        std::thread::sleep(at);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        killed_mid_build += usize::from(!finished);
        // Same input, deterministic output: whatever moment the kill hit, the
        // output folder holds one whole build, byte for byte.
        let now = common::snapshot(&out);
        assert!(
            now == good,
            "run {run} (seed {seed}, killed after {} µs): output differs: {} files instead of {}",
            at.as_micros(),
            now.len(),
            good.len()
        );
    }
    assert!(killed_mid_build >= runs / 2, "only {killed_mid_build} of {runs} kills hit a running build");

    // The next build cleans up after the killed ones and succeeds.
    assert!(build(root, &out).wait().unwrap().success());
    let leftovers: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The output, its spare and their manifests (what each folder's files hold).
        .filter(|n| ![&"public", &".public.tmp", &".public.manifest", &".public.tmp.manifest"].contains(&&n.as_str()))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    // The spare (.public.tmp) is the build before, kept for the next run to reuse.
    assert!(common::snapshot(&out_dir.path().join(".public.tmp")) == good, "the spare is a whole build");
    assert!(common::snapshot(&out) == good);
}
