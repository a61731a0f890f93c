//! The HTTP side of `kyoten serve`: files from the in-memory output, the
//! live-reload event stream, and the small script that listens to it.

use super::paths::{Resolved, content_type, resolve};
use super::state::Shared;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

const LIVE_JS: &str = include_str!("assets/live.js");
const LIVE_CSS: &str = include_str!("assets/live.css");
const ERROR_PAGE: &str = include_str!("assets/error.html");
const LIVE_TAG: &str = r#"<script src="/__kyoten/live.js" defer></script>"#;

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__kyoten/events", get(events))
        .route("/__kyoten/live.js", get(|| async { asset(LIVE_JS, "text/javascript; charset=utf-8") }))
        .route("/__kyoten/live.css", get(|| async { asset(LIVE_CSS, "text/css; charset=utf-8") }))
        .fallback(file)
        .with_state(shared)
}

fn asset(text: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "no-store")], text).into_response()
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// Put the live-reload script into an HTML page as it is served (never into the build).
fn with_live_script(html: &[u8]) -> Vec<u8> {
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + LIVE_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(LIVE_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn html_response(status: StatusCode, bytes: &[u8]) -> Response {
    let mut r = Response::new(Body::from(with_live_script(bytes)));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "405 GET and HEAD only\n");
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let has_body = headers.contains_key(header::TRANSFER_ENCODING)
        || headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim() != "0");
    if has_body {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, "413 request bodies are not accepted\n");
    }
    let snapshot = shared.current();
    if snapshot.files.is_empty() {
        // No build has succeeded yet: every page explains why.
        let text = crate::markdown::escape(&snapshot.error_text);
        let page = ERROR_PAGE.replace("{{diagnostics}}", &text);
        return html_response(StatusCode::SERVICE_UNAVAILABLE, page.as_bytes());
    }
    let response = |status: StatusCode, key: &str, bytes: &Bytes| -> Response {
        let kind = content_type(key);
        if kind.starts_with("text/html") {
            return html_response(status, bytes);
        }
        let mut r = Response::new(Body::from(bytes.clone()));
        *r.status_mut() = status;
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
        r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    };
    match resolve(uri.path(), |k| snapshot.files.contains_key(k)) {
        Resolved::File(key) => response(StatusCode::OK, &key, &snapshot.files[&key]),
        Resolved::Redirect(to) => {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::PERMANENT_REDIRECT;
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound => match snapshot.files.get("404.html") {
            Some(page) => response(StatusCode::NOT_FOUND, "404.html", page),
            None => plain(StatusCode::NOT_FOUND, "404 not found\n"),
        },
    }
}

/// Server-sent events: the current error first (if any), then every event.
async fn events(State(shared): State<Arc<Shared>>) -> Response {
    let rx = shared.events.subscribe();
    let first = shared
        .current()
        .errors
        .as_ref()
        .map(|e| format!("event: builderror\ndata: {}\n\n", serde_json::Value::Array(e.clone())));
    let hello = format!("retry: 1000\n: kyoten live reload\n\n{}", first.unwrap_or_default());
    let stream = futures_util::stream::unfold((Some(hello), rx), |(pending, mut rx)| async move {
        if let Some(text) = pending {
            return Some((Ok::<_, Infallible>(Bytes::from(text)), (None, rx)));
        }
        let text = match tokio::time::timeout(std::time::Duration::from_secs(15), rx.recv()).await {
            Ok(Ok(e)) => format!("event: {}\ndata: {}\n\n", e.name, e.data),
            Ok(Err(RecvError::Lagged(_))) => "event: reload\ndata: {\"all\":true,\"paths\":[]}\n\n".to_string(),
            Ok(Err(RecvError::Closed)) => return None,
            Err(_) => ": keep-alive\n\n".to_string(),
        };
        Some((Ok(Bytes::from(text)), (None, rx)))
    });
    let mut r = Response::new(Body::from_stream(stream));
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}
