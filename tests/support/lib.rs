//! Test support for the end-to-end tests: starts the real app binary under Xvfb through
//! tauri-driver (which drives WebKitWebDriver) and speaks the W3C WebDriver protocol to it.
//!
//! Each [`App`] gets its own Xvfb display, its own driver ports and its own database file, so
//! tests are independent. Everything is stopped on drop; tauri-driver is stopped with SIGTERM
//! so that it takes WebKitWebDriver down with it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The passphrase of every test database. The app gets it as headless users give it, through
/// `BESTUURSMAP_PASSPHRASE`, unless a test starts it locked ([`App::start_locked`]).
pub const PASSPHRASE: &str = "proef-wachtwoordzin";

/// Opens (or creates) a test database with [`PASSPHRASE`].
pub fn open_store(path: &Path, mode: bestuursmap_core::OpenMode) -> bestuursmap_core::Store {
    let passphrase = bestuursmap_core::store::Passphrase::new(PASSPHRASE).expect("a passphrase");
    bestuursmap_core::Store::open(path, mode, &passphrase).expect("open the test database")
}

/// A test database with the demo data, `bestuursmap.db` in `dir`.
pub fn demo_database(dir: &Path) -> PathBuf {
    let path = dir.join("bestuursmap.db");
    bestuursmap_core::demo::load(&mut open_store(&path, bestuursmap_core::OpenMode::CreateIfMissing))
        .expect("load the demo data");
    path
}

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Where screenshots of test runs are written (ignored by git).
pub fn artifacts_dir() -> PathBuf {
    let dir = workspace_root().join("tests").join("artifacts");
    std::fs::create_dir_all(&dir).expect("create tests/artifacts");
    dir
}

fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("BESTUURSMAP_APP") {
        return PathBuf::from(path);
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    let path = target.join("debug").join("bestuursmap-app");
    assert!(
        path.exists(),
        "The app binary {} does not exist. Build it first: (cd ui && npm run build) && cargo build -p bestuursmap-app",
        path.display()
    );
    path
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cargo"));
    let path = home.join("bin").join("tauri-driver");
    assert!(path.exists(), "tauri-driver is missing: cargo install tauri-driver --locked --version ^2");
    path
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind a free port").local_addr().unwrap().port()
}

fn terminate(child: &mut Child) {
    // SIGTERM lets tauri-driver stop WebKitWebDriver; SIGKILL would leave it running.
    let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A private X display for one test.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start() -> Xvfb {
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-screen", "0", "1366x860x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb (apt-get install xvfb)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("Xvfb reports its display");
        Xvfb { child, display: format!(":{}", line.trim()) }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

pub struct App {
    agent: ureq::Agent,
    base: String,
    session: String,
    driver: Child,
    // Dropped after the driver: the display must outlive the app.
    _xvfb: Xvfb,
}

impl App {
    /// Starts the app on the given database file, unlocked through `BESTUURSMAP_PASSPHRASE`.
    pub fn start(database: &Path) -> App {
        App::start_with_env(database, &[])
    }

    /// Starts the app with extra environment variables (e.g. its own HOME).
    pub fn start_with_env(database: &Path, env: &[(&str, &Path)]) -> App {
        App::launch(&app_binary(), database, env, true, None)
    }

    /// Starts the app as a double-click on `file` does (`bestuursmap-app FILE`), unlocked.
    pub fn start_opening(database: &Path, file: &Path) -> App {
        App::launch(&app_binary(), database, &[], true, Some(file))
    }

    /// Starts another build of the app (e.g. the one a package installed), unlocked.
    pub fn start_binary(binary: &Path, database: &Path) -> App {
        App::launch(binary, database, &[], true, None)
    }

    /// Starts the app without a passphrase in the environment: it asks for one.
    pub fn start_locked(database: &Path, env: &[(&str, &Path)]) -> App {
        App::launch(&app_binary(), database, env, false, None)
    }

    fn launch(
        binary: &Path,
        database: &Path,
        env: &[(&str, &Path)],
        with_passphrase: bool,
        file: Option<&Path>,
    ) -> App {
        let xvfb = Xvfb::start();
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &xvfb.display)
            // No accessibility bus under Xvfb; without this GTK waits for it.
            .env("NO_AT_BRIDGE", "1")
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .env("BESTUURSMAP_PASSPHRASE", if with_passphrase { PASSPHRASE } else { "" })
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tauri-driver");
        let mut args = vec![json!("--db"), json!(database)];
        args.extend(file.map(|f| json!(f)));
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": {
                        "application": binary,
                        "args": args,
                    }
                }
            }
        });
        App::connect(driver, port, xvfb, capabilities)
    }

    /// Waits for the WebDriver server `driver` on `port` and opens a session with `capabilities`.
    fn connect(driver: Child, port: u16, xvfb: Xvfb, capabilities: Value) -> App {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(90)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        while agent.get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "the WebDriver server did not start within 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut app = App { agent, base, session: String::new(), driver, _xvfb: xvfb };
        let created = app.request("POST", "/session", Some(capabilities));
        app.session = created["sessionId"].as_str().expect("sessionId in the new-session answer").to_string();
        app
    }

    /// Starts WebKit's own browser (MiniBrowser, shipped with libwebkit2gtk) under WebKitWebDriver,
    /// without the app: for pages Bestuursmap writes, such as a publication, opened with
    /// [`App::navigate`]. Same engine as the app's window.
    pub fn start_browser() -> App {
        let xvfb = Xvfb::start();
        let port = free_port();
        let driver = Command::new("WebKitWebDriver")
            .arg(format!("--port={port}"))
            .env("DISPLAY", &xvfb.display)
            .env("NO_AT_BRIDGE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start WebKitWebDriver (apt-get install webkit2gtk-driver)");
        let browser = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"]
            .iter()
            .map(|dir| Path::new(dir).join("webkit2gtk-4.1").join("MiniBrowser"))
            .find(|p| p.exists())
            .expect("MiniBrowser of libwebkit2gtk-4.1-0");
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": { "binary": browser, "args": ["--automation"] }
            } }
        });
        App::connect(driver, port, xvfb, capabilities)
    }

    /// Opens a URL (e.g. `file:///…/index.html`) in the session's window.
    pub fn navigate(&self, url: &str) {
        self.request("POST", &self.session_path("/url"), Some(json!({ "url": url })));
    }

    /// A POST whose failure the caller handles: the WebDriver error as text.
    fn try_request(&self, path: &str, body: Value) -> Result<Value, String> {
        let url = format!("{}{}", self.base, path);
        let mut response = self.agent.post(&url).send_json(body).map_err(|e| e.to_string())?;
        let status = response.status();
        let value: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        if status.is_success() {
            Ok(value["value"].clone())
        } else {
            Err(format!("{status}: {value}"))
        }
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{}", self.base, path);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(body.unwrap_or_else(|| json!({}))),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let value: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        assert!(status.is_success(), "{method} {path} answered {status}: {value}");
        value["value"].clone()
    }

    fn session_path(&self, tail: &str) -> String {
        format!("/session/{}{}", self.session, tail)
    }

    /// All elements that match a CSS selector now.
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        // WebKitWebDriver answers «stale element reference» when the page replaces a matching
        // element while it is being collected (a list re-rendering); the page is then asked again.
        let mut tries = 0;
        let found = loop {
            match self.try_request(&self.session_path("/elements"), json!({"using": "css selector", "value": css})) {
                Err(error) if error.contains("stale element reference") && tries < 20 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(error) => panic!("POST /elements {css}: {error}"),
                Ok(found) => break found,
            }
        };
        found
            .as_array()
            .map(|list| {
                list.iter().map(|e| Element { app: self, id: e[ELEMENT_KEY].as_str().unwrap().to_string() }).collect()
            })
            .unwrap_or_default()
    }

    /// Waits until at least one element matches, and returns the first.
    pub fn wait_for(&self, css: &str) -> Element<'_> {
        self.wait_for_all(css, 1).into_iter().next().unwrap()
    }

    /// Waits until at least `count` elements match (up to 20 s).
    pub fn wait_for_all(&self, css: &str, count: usize) -> Vec<Element<'_>> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = self.find_all(css);
            if found.len() >= count {
                return found;
            }
            if Instant::now() > deadline {
                self.screenshot("timeout");
                panic!("waited 20 s for {count} × '{css}', found {}", found.len());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the page text contains `needle`.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> Element<'_> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            // Searched in the page in one step: an element re-rendered between finding it and
            // reading its text would otherwise be stale.
            let found = self.execute(
                "return [...document.querySelectorAll(arguments[0])].find((e) => e.innerText.includes(arguments[1])) ?? null;",
                vec![json!(css), json!(needle)],
            );
            if let Some(id) = found.get(ELEMENT_KEY).and_then(|v| v.as_str()) {
                return Element { app: self, id: id.to_string() };
            }
            if Instant::now() > deadline {
                self.screenshot("timeout");
                panic!("waited 20 s for '{needle}' in '{css}'");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs a script in the page; `args` may hold elements as `Element::as_arg()`.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.request("POST", &self.session_path("/execute/sync"), Some(json!({"script": script, "args": args})))
    }

    /// Runs an asynchronous script: it finishes by calling its last argument with the result.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.request("POST", &self.session_path("/execute/async"), Some(json!({"script": script, "args": args})))
    }

    /// Sets the size of the app window (the page gets it minus nothing: Tauri windows have no
    /// browser chrome), and waits until the page has the new inner width.
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.request("POST", &self.session_path("/window/rect"), Some(json!({"width": width, "height": height})));
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.execute("return window.innerWidth;", vec![]) != json!(width) {
            assert!(Instant::now() < deadline, "the window did not become {width} px wide");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Presses keys as a keyboard user does, through WebDriver actions: each entry is pressed and
    /// released in turn; an entry like "Control+k" holds the first key while pressing the second.
    /// Key names: Tab, Enter, Escape, Space, ArrowUp/Down/Left/Right, Home, End, Shift, Control, or
    /// a single character.
    pub fn press(&self, keys: &[&str]) {
        let mut actions = Vec::new();
        for entry in keys {
            let parts: Vec<String> = entry.split('+').map(key_code).collect();
            for part in &parts {
                actions.push(json!({"type": "keyDown", "value": part}));
            }
            for part in parts.iter().rev() {
                actions.push(json!({"type": "keyUp", "value": part}));
            }
        }
        self.request(
            "POST",
            &self.session_path("/actions"),
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.request("DELETE", &self.session_path("/actions"), None);
    }

    /// Types text into the focused element, key by key.
    pub fn type_text(&self, text: &str) {
        let keys: Vec<String> = text.chars().map(|c| c.to_string()).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        self.press(&keys);
    }

    /// A short description of the focused element: its data-testid, else tag#id, else tag.
    pub fn focused(&self) -> String {
        self.execute(
            "const el = document.activeElement;
             if (!el || el === document.body) return 'body';
             return el.dataset.testid ?? (el.id ? `${el.tagName.toLowerCase()}#${el.id}` : el.tagName.toLowerCase());",
            vec![],
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Whether the focused element matches a CSS selector.
    pub fn focus_matches(&self, css: &str) -> bool {
        self.execute("return !!document.activeElement?.matches(arguments[0]);", vec![json!(css)]) == json!(true)
    }

    /// Presses Tab (or Shift+Tab) until the focused element matches `css`, as a keyboard user
    /// would; panics when it is not reached within `max` presses.
    pub fn tab_to(&self, css: &str, max: usize) {
        for _ in 0..max {
            if self.focus_matches(css) {
                return;
            }
            self.press(&["Tab"]);
        }
        assert!(self.focus_matches(css), "'{css}' not reached with {max} × Tab; focus is on {}", self.focused());
    }

    /// Presses Tab until the focused element matches `css` and its text contains `text`.
    pub fn tab_to_text(&self, css: &str, text: &str, max: usize) {
        let matches = || {
            self.execute(
                "const el = document.activeElement;
                 return !!el?.matches(arguments[0]) && (el.innerText ?? '').includes(arguments[1]);",
                vec![json!(css), json!(text)],
            ) == json!(true)
        };
        for _ in 0..max {
            if matches() {
                return;
            }
            self.press(&["Tab"]);
        }
        assert!(matches(), "'{css}' with «{text}» not reached with {max} × Tab; focus is on {}", self.focused());
    }

    /// Runs axe-core (from ui/node_modules, injected into the page) with the WCAG 2.0 and 2.1
    /// A and AA rules, and returns the violations as "rule: help (targets)" lines.
    pub fn axe_violations(&self) -> Vec<String> {
        let path = workspace_root().join("ui").join("node_modules").join("axe-core").join("axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (cd ui && npm ci installs axe-core)", path.display()));
        if self.execute("return typeof window.axe;", vec![]) != json!("object") {
            self.execute(&format!("{source}\nreturn true;"), vec![]);
        }
        let result = self.execute_async(
            "const done = arguments[arguments.length - 1];
             window.axe
               .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then((r) => done(r.violations.map((v) =>
                 `${v.id}: ${v.help} (${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')})`)))
               .catch((e) => done([`axe failed: ${e}`]));",
            vec![],
        );
        result.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
    }

    /// Layout problems of the current screen, from the bounding boxes of its elements: the
    /// document taller or wider than the window, elements of the main area sticking out to the
    /// right of it, interactive elements and headings that overlap each other, and selects too
    /// narrow for their chosen option. Empty when the screen is sound.
    pub fn layout_problems(&self) -> Vec<String> {
        let found = self.execute(LAYOUT_SCRIPT, vec![]);
        found.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default()
    }

    /// Clicks the first element matching `css` whose text contains `text`.
    pub fn click_text(&self, css: &str, text: &str) {
        self.wait_for_text(css, text).click();
    }

    pub fn title(&self) -> String {
        self.request("GET", &self.session_path("/title"), None).as_str().unwrap_or_default().to_string()
    }

    /// Saves a PNG of the window content to tests/artifacts/NAME.png and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        use base64::Engine;
        let data = self.request("GET", &self.session_path("/screenshot"), None);
        let png =
            base64::engine::general_purpose::STANDARD.decode(data.as_str().unwrap_or_default()).expect("base64 PNG");
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }
}

fn key_code(name: &str) -> String {
    let code = match name {
        "Tab" => '\u{E004}',
        "Enter" => '\u{E007}',
        "Shift" => '\u{E008}',
        "Control" => '\u{E009}',
        "Escape" => '\u{E00C}',
        "Space" => '\u{E00D}',
        "End" => '\u{E010}',
        "Home" => '\u{E011}',
        "ArrowLeft" => '\u{E012}',
        "ArrowUp" => '\u{E013}',
        "ArrowRight" => '\u{E014}',
        "ArrowDown" => '\u{E015}',
        other => return other.to_string(),
    };
    code.to_string()
}

/// See [`App::layout_problems`].
const LAYOUT_SCRIPT: &str = r#"
const problems = [];
const doc = document.documentElement;
if (doc.scrollHeight > window.innerHeight + 1) problems.push(`document ${doc.scrollHeight} px tall in a ${window.innerHeight} px window`);
if (doc.scrollWidth > window.innerWidth + 1) problems.push(`document ${doc.scrollWidth} px wide in a ${window.innerWidth} px window`);
const main = document.querySelector('main') ?? document.body;
const mainBox = main.getBoundingClientRect();
const visible = (el) => {
  const r = el.getBoundingClientRect();
  if (r.width < 2 || r.height < 2) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none') return false;
  if (el.closest('.visually-hidden, [hidden], details:not([open]) > :not(summary)')) return false;
  return !(style.clipPath && style.clipPath.startsWith('inset(50%'));
};
const describe = (el) => {
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} «${text}»`;
};
// Horizontal overflow: nothing in the main area reaches past its right edge (a wide table may
// scroll inside its own .table-scroll box).
for (const el of main.querySelectorAll('*')) {
  if (!visible(el) || el.closest('.table-scroll, svg')) continue;
  const r = el.getBoundingClientRect();
  if (r.right > mainBox.right + 1) problems.push(`${describe(el)} sticks out ${Math.round(r.right - mainBox.right)} px to the right of the main area`);
  if (problems.length > 40) break;
}
// Overlap: interactive elements and headings never cover each other. Only what is in view counts
// (content scrolled under the header is clipped by the main area), and with a modal dialog open
// only the dialog.
const modal = document.querySelector('[aria-modal=true]');
const scope = modal ?? document;
const clip = (el, r) => {
  const box = el.closest('main') ? mainBox : null;
  if (!box) return r;
  const left = Math.max(r.left, box.left), right = Math.min(r.right, box.right);
  const top = Math.max(r.top, box.top), bottom = Math.min(r.bottom, box.bottom);
  return { left, right, top, bottom };
};
const targets = [...scope.querySelectorAll('button, input, select, textarea, a[href], h1, h2, h3, h4, [role=tab], label')]
  .filter(visible)
  .filter((el) => !el.closest('svg'));
const boxes = targets
  .map((el) => [el, clip(el, el.getBoundingClientRect())])
  .filter(([, r]) => r.right - r.left > 1 && r.bottom - r.top > 1);
for (let i = 0; i < boxes.length; i++) {
  for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i];
    const [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (w > 2 && h > 2) problems.push(`${describe(a)} overlaps ${describe(b)} (${Math.round(w)}×${Math.round(h)} px)`);
  }
  if (problems.length > 40) break;
}
// A select shows its whole chosen option (never «O▾»).
const canvas = document.createElement('canvas').getContext('2d');
for (const sel of document.querySelectorAll('select')) {
  if (!visible(sel) || sel.selectedIndex < 0) continue;
  const style = getComputedStyle(sel);
  canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = sel.options[sel.selectedIndex].text;
  const needed = canvas.measureText(text).width + parseFloat(style.paddingLeft) + 16;
  if (sel.clientWidth < needed) problems.push(`select «${text}» is ${sel.clientWidth} px wide, needs ${Math.round(needed)} px`);
}
return problems;
"#;

impl Drop for App {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.agent.delete(&format!("{}/session/{}", self.base, self.session)).call();
        }
        terminate(&mut self.driver);
    }
}

pub struct Element<'a> {
    app: &'a App,
    id: String,
}

impl Element<'_> {
    pub fn click(&self) {
        // The app scrolls its main area, not the window: bring the element to the middle of it
        // first (WebDriver's own scrolling puts it at the very bottom edge, where WebKit may
        // judge it not interactable).
        self.app.execute("arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });", vec![self.as_arg()]);
        self.app.request("POST", &self.app.session_path(&format!("/element/{}/click", self.id)), Some(json!({})));
    }

    /// This element as a script argument.
    pub fn as_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    /// Sets the value of an input, textarea or select as a user would, firing input and change
    /// events (so date and time inputs work the same on every WebDriver).
    pub fn set_value(&self, value: &str) {
        self.app.execute(
            "const el = arguments[0]; el.value = arguments[1];
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![self.as_arg(), json!(value)],
        );
    }

    /// Puts a file into an `<input type=file>` as if the user picked it: the bytes travel as
    /// base64 into a `File` in the page, and a change event fires.
    pub fn choose_file(&self, path: &Path) {
        use base64::Engine;
        let bytes = std::fs::read(path).expect("read the file to choose");
        let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
        self.app.execute(
            "const [el, name, b64] = arguments;
             const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
             const dt = new DataTransfer();
             dt.items.add(new File([bytes], name));
             el.files = dt.files;
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![self.as_arg(), json!(name), json!(base64::engine::general_purpose::STANDARD.encode(bytes))],
        );
    }

    /// Chooses the option of a select whose text starts with `prefix`.
    pub fn select_by_text(&self, prefix: &str) {
        let found = self.app.execute(
            "const el = arguments[0];
             const option = [...el.options].find((o) => o.textContent.trim().startsWith(arguments[1]));
             if (!option) return false;
             el.value = option.value;
             el.dispatchEvent(new Event('change', { bubbles: true }));
             return true;",
            vec![self.as_arg(), json!(prefix)],
        );
        assert_eq!(found, json!(true), "no option starting with '{prefix}'");
    }

    pub fn text(&self) -> String {
        self.app
            .request("GET", &self.app.session_path(&format!("/element/{}/text", self.id)), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn attribute(&self, name: &str) -> Option<String> {
        self.app
            .request("GET", &self.app.session_path(&format!("/element/{}/attribute/{name}", self.id)), None)
            .as_str()
            .map(str::to_string)
    }

    /// Elements inside this one that match a CSS selector.
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        let found = self.app.request(
            "POST",
            &self.app.session_path(&format!("/element/{}/elements", self.id)),
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|e| Element { app: self.app, id: e[ELEMENT_KEY].as_str().unwrap().to_string() })
                    .collect()
            })
            .unwrap_or_default()
    }
}
