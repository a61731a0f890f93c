//! `kyoten serve`: an edit reaches the page and open browsers; a broken file
//! shows as an error event while the last good page stays; traversal gets 404.

mod common;

use common::{copy_dir, repo};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("kyoten.yaml"), dir.path().join("kyoten.yaml")).unwrap();
    for sub in ["data", "content", "themes"] {
        copy_dir(&repo().join(sub), &dir.path().join(sub));
    }
    dir
}

fn start(root: &std::path::Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_kyoten"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Owned by the guard at once, so a failed start still kills and waits for it.
    let mut server = Server { child, addr: String::new() };
    let stderr = server.child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("serve: {line}");
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let line = rx.recv_timeout(deadline - Instant::now()).expect("serve printed its address");
        if let Some(at) = line.find("http://127.0.0.1:") {
            server.addr = line[at + 7..].split('/').next().unwrap().to_string();
            return server;
        }
    }
}

/// One GET over a fresh connection: (status, head, body).
fn get(addr: &str, path: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

fn body_text(addr: &str, path: &str) -> String {
    let (status, _, body) = get(addr, path);
    assert_eq!(status, 200, "{path}");
    String::from_utf8_lossy(&body).to_string()
}

/// The event stream, as text chunks.
fn listen(addr: &str) -> Receiver<String> {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET /__kyoten/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = s.read(&mut buf) {
            if n == 0 || tx.send(String::from_utf8_lossy(&buf[..n]).to_string()).is_err() {
                break;
            }
        }
    });
    rx
}

/// Wait for an event named `name` (any, if empty) containing `needle`; return it.
fn wait_for(rx: &Receiver<String>, name: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = String::new();
    loop {
        let chunk = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("no `{name}` event containing {needle:?}; stream so far:\n{seen}"));
        seen.push_str(&chunk);
        for event in seen.split("\n\n") {
            let named = name.is_empty() || event.contains(&format!("event: {name}\n"));
            if named && event.contains(needle) {
                return event.to_string();
            }
        }
    }
}

#[test]
fn an_edit_reloads_the_page_and_a_broken_file_keeps_the_last_good_one() {
    let site = example_copy();
    let server = start(site.path());
    let addr = server.addr.clone();

    let page = body_text(&addr, "/m/122327/");
    assert!(page.contains("000-0000-0020"));
    assert!(page.contains(r#"<script src="/__kyoten/live.js" defer></script></body>"#));
    assert!(body_text(&addr, "/__kyoten/live.js").contains("EventSource"));

    let events = listen(&addr);
    wait_for(&events, "", ": kyoten live reload");
    let file = site.path().join("data/municipalities/122327.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let saved = Instant::now();
    std::fs::write(&file, original.replace("000-0000-0020", "000-0000-0999")).unwrap();
    let reload = wait_for(&events, "reload", "/m/122327/");
    eprintln!("save → reload event: {} ms", saved.elapsed().as_millis());
    assert!(!reload.contains("\"all\":true"), "only the changed pages are listed: {reload}");
    let page = body_text(&addr, "/m/122327/");
    assert!(page.contains("000-0000-0999") && !page.contains("000-0000-0020"));

    // A half-written file: an error event with file and line; the last good page stays.
    std::fs::write(&file, original.replace("status: established", "status: [established")).unwrap();
    let error = wait_for(&events, "builderror", "122327.yaml");
    assert!(error.contains("\"line\":"), "{error}");
    let page = body_text(&addr, "/m/122327/");
    assert!(page.contains("000-0000-0999"), "last good page still served");

    // A browser that opens while the build is broken hears about the error at once.
    let late = listen(&addr);
    wait_for(&late, "builderror", "122327.yaml");

    std::fs::write(&file, &original).unwrap();
    wait_for(&events, "reload", "/m/122327/");
    assert!(body_text(&addr, "/m/122327/").contains("000-0000-0020"));

    // A template edit re-renders from the kept model.
    let base = site.path().join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replacen("</body>", "<p>テンプレート編集</p></body>", 1)).unwrap();
    wait_for(&events, "reload", "\"/\"");
    assert!(body_text(&addr, "/").contains("テンプレート編集"));
}

#[test]
fn only_files_of_the_output_are_served() {
    let site = example_copy();
    // A symlink inside the site pointing out of it is not copied into the output.
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(repo().join("Cargo.toml"), site.path().join("static/leak.txt")).unwrap();
    let server = start(site.path());
    let addr = &server.addr;
    for path in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/m/..%5c..%5ckyoten.yaml",
        "/m\\..\\kyoten.yaml",
        "//etc/passwd",
        "/etc/passwd",
        "/kyoten.yaml",
        "/data/municipalities/122327.yaml",
        "/static/leak.txt",
        "/%00",
    ] {
        let (status, _, body) = get(addr, path);
        assert_eq!(status, 404, "{path}");
        let body = String::from_utf8_lossy(&body);
        assert!(!body.contains("[package]") && !body.contains("root:") && !body.contains("base_url"), "{path}");
    }
    // Content types of every kind of file the site has.
    for (path, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/map.js", "text/javascript; charset=utf-8"),
        ("/data/providers.geojson", "application/geo+json"),
        ("/data/municipalities.csv", "text/csv; charset=utf-8"),
        ("/static/favicon.svg", "image/svg+xml"),
    ] {
        let (status, head, _) = get(addr, path);
        assert_eq!(status, 200, "{path}");
        assert!(head.to_ascii_lowercase().contains(&format!("content-type: {kind}")), "{path}: {head}");
    }
    // Folders without the slash redirect; other methods and bodies are refused.
    let (status, head, _) = get(addr, "/m/122327");
    assert_eq!(status, 308);
    assert!(head.contains("location: /m/122327/"), "{head}");
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 405"), "{raw}");
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 413"), "{raw}");
}

#[test]
fn a_site_that_never_built_explains_why() {
    let site = example_copy();
    let file = site.path().join("data/municipalities/122327.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("code: \"122327\"", "code: \"122328\"")).unwrap();
    let server = start(site.path());
    let (status, _, body) = get(&server.addr, "/");
    assert_eq!(status, 503);
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("ビルドできませんでした") && body.contains("122327.yaml:4"), "{body}");
}

/// Poll `path` until its page contains `needle` (the last rebuild has landed).
fn eventually_contains(addr: &str, path: &str, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if body_text(addr, path).contains(needle) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{path} never showed {needle}");
}

#[test]
fn survives_request_bursts_and_every_way_editors_save() {
    let site = example_copy();
    let server = start(site.path());
    let addr = server.addr.clone();

    // 100 requests at once, of every kind: pages, assets, data, misses, traversal.
    let paths =
        ["/", "/m/122327/", "/map/", "/data/providers.geojson", "/static/style.css", "/nope/", "/../kyoten.yaml"];
    let burst: Vec<_> = (0..100)
        .map(|i| {
            let addr = addr.clone();
            let path = paths[i % paths.len()];
            std::thread::spawn(move || (path, get(&addr, path).0))
        })
        .collect();
    for t in burst {
        let (path, status) = t.join().expect("request thread");
        let want = if path.starts_with("/nope") || path.contains("..") { 404 } else { 200 };
        assert_eq!(status, want, "{path} in the burst");
    }

    // While files are saved in the ways editors save them, the page is always
    // served (the last good build), and it ends with the last content.
    let file = site.path().join("data/municipalities/122327.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (addr, stop) = (addr.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                assert_eq!(get(&addr, "/m/122327/").0, 200, "the page was missing during a save");
                n += 1;
            }
            n
        })
    };
    let phone = |n: u32| original.replacen("000-0000-0020", &format!("000-0000-{n:04}"), 1);

    // 1. Write a new file beside it, then rename it over (vim, IntelliJ, VS Code's safe save).
    let beside = site.path().join("data/municipalities/.122327.yaml.swp");
    std::fs::write(&beside, phone(31)).unwrap();
    std::fs::rename(&beside, &file).unwrap();
    eventually_contains(&addr, "/m/122327/", "000-0000-0031");

    // 2. Truncate, pause, then write (editors that rewrite in place).
    {
        let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(&file).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
        f.write_all(phone(32).as_bytes()).unwrap();
    }
    eventually_contains(&addr, "/m/122327/", "000-0000-0032");

    // 3. Half the file, a pause longer than the debounce, then the rest.
    {
        let text = phone(33);
        let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(&file).unwrap();
        let half = (0..=text.len() / 2).rev().find(|i| text.is_char_boundary(*i)).unwrap();
        f.write_all(&text.as_bytes()[..half]).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));
        f.write_all(&text.as_bytes()[half..]).unwrap();
    }
    eventually_contains(&addr, "/m/122327/", "000-0000-0033");

    // 4. Delete and recreate (some sync tools).
    std::fs::remove_file(&file).unwrap();
    std::thread::sleep(Duration::from_millis(150));
    std::fs::write(&file, phone(34)).unwrap();
    eventually_contains(&addr, "/m/122327/", "000-0000-0034");

    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let served = reader.join().expect("the reader saw every request answered");
    assert!(served > 10, "only {served} requests during the saves");
}

#[test]
fn on_a_large_site_an_edit_shows_first_then_the_whole_site_follows() {
    // 520 providers: a large site (split 拠点マップ), where a one-file edit is previewed
    // from that file alone before the whole build.
    let site = common::scratch_site();
    let root = site.path();
    common::write_small_boundaries(root, &["132144", "122327"], &["13", "12"]);
    let (head, _) = common::VALID_MUNICIPALITY.split_once("providers:\n").unwrap();
    let mut tokyo = format!("{head}providers:\n");
    for i in 1..=520 {
        tokyo += &format!(
            "  - id: t{i}\n    name: 東京テスト事業所{i}\n    services: [short_stay]\n    functions: [emergency]\n    phone: \"000-0000-{i:04}\"\n    sample: true\n"
        );
    }
    tokyo += "last_verified: 2026-01-10\nsample: true\n";
    let file = root.join("data/municipalities/132144.yaml");
    std::fs::write(&file, &tokyo).unwrap();
    let chiba = common::VALID_MUNICIPALITY
        .replace("code: \"132144\"", "code: \"122327\"")
        .replace("test-shortstay", "chiba-shortstay");
    std::fs::write(root.join("data/municipalities/122327.yaml"), chiba).unwrap();

    let server = start(root);
    let addr = server.addr.clone();
    assert!(body_text(&addr, "/p/t7/").contains("000-0000-0007"));
    let events = listen(&addr);
    wait_for(&events, "", ": kyoten live reload");

    std::fs::write(&file, tokyo.replace("000-0000-0007", "000-0000-9997")).unwrap();
    let reload = wait_for(&events, "reload", "/p/t7/");
    assert!(!reload.contains("/p/t8/"), "only the changed provider's page is re-rendered: {reload}");
    assert!(!reload.contains("/data/"), "the first reload is the preview, before the whole build: {reload}");
    let page = body_text(&addr, "/p/t7/");
    assert!(page.contains("000-0000-9997") && !page.contains("000-0000-0007"));
    // The whole build follows: the open data and the municipality's map have it too.
    eventually_contains(&addr, "/data/providers.geojson", "000-0000-9997");
    eventually_contains(&addr, "/map/m/132144/", "000-0000-9997");

    // A provider id taken by another municipality is an error of the preview, with its line.
    std::fs::write(&file, tokyo.replace("id: t9\n", "id: chiba-shortstay\n")).unwrap();
    let error = wait_for(&events, "builderror", "132144.yaml");
    assert!(error.contains("chiba-shortstay") && error.contains("\"line\":"), "{error}");
    assert!(body_text(&addr, "/p/t7/").contains("000-0000-9997"), "the last good page stays");
}
