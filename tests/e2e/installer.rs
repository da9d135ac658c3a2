//! The installable app: the Debian package that `scripts/test.sh` builds with Tauri's bundler
//! (`tauri build --debug --bundles deb`) carries the right metadata, installs with dpkg (missing
//! dependencies through `apt-get -f install`), starts from where it was installed on a fresh
//! store and shows the meetings list, and is removed again without leaving its binary behind.

use bestuursmap_e2e::{workspace_root, App};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PACKAGE: &str = "bestuursmap";
const INSTALLED_BINARY: &str = "/usr/bin/bestuursmap-app";

/// The newest .deb of the debug build.
fn built_deb() -> PathBuf {
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    let dir = target.join("debug/bundle/deb");
    let mut debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}. Build the package first: scripts/test.sh does", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "deb"))
        .collect();
    debs.sort_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
    debs.pop().unwrap_or_else(|| panic!("no .deb in {}", dir.display()))
}

/// Runs a command as root (directly when the tests run as root, as in CI; else through sudo).
fn as_root(program: &str, args: &[&str]) -> Output {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    let mut command = if root { Command::new(program) } else { Command::new("sudo") };
    if !root {
        command.args(["-n", program]);
    }
    command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    command.output().unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Removes the package when the test ends, also when it fails half-way.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = as_root("dpkg", &["-r", PACKAGE]);
    }
}

fn field(deb: &Path, name: &str) -> String {
    let out = Command::new("dpkg-deb").arg("-f").arg(deb).arg(name).output().expect("dpkg-deb");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn the_deb_package_installs_starts_on_a_fresh_store_and_is_removed_again() {
    let deb = built_deb();

    // What a package manager shows: name, version, Dutch description, and WebKitGTK as dependency.
    assert_eq!(field(&deb, "Package"), PACKAGE);
    assert_eq!(field(&deb, "Version"), env!("CARGO_PKG_VERSION"));
    let description = field(&deb, "Description");
    assert!(description.contains("Vergaderingen van de GR Jeugd Zuid-Holland Zuid"), "{description}");
    assert!(field(&deb, "Depends").contains("libwebkit2gtk-4.1-0"), "{}", field(&deb, "Depends"));

    // The files: binary, desktop entry with the .bmbundel association, icons.
    let listing = Command::new("dpkg-deb").arg("-c").arg(&deb).output().expect("dpkg-deb");
    let listing = String::from_utf8_lossy(&listing.stdout).to_string();
    for file in [
        "usr/bin/bestuursmap-app",
        "usr/share/applications/Bestuursmap.desktop",
        "128x128/apps/bestuursmap-app.png",
        "usr/share/doc/bestuursmap/copyright",
    ] {
        assert!(listing.contains(file), "{file} missing from the package:\n{listing}");
    }
    let mime = "/usr/share/mime/packages/bestuursmap.xml";
    assert!(listing.contains(&mime[1..]), "the .bmbundel type is registered:\n{listing}");

    let _ = as_root("dpkg", &["-r", PACKAGE]);
    let guard = Installed;
    let install = as_root("dpkg", &["-i", deb.to_str().unwrap()]);
    if !install.status.success() {
        // Missing dependencies: apt-get installs them and finishes the configuration.
        let fixed = as_root("apt-get", &["-f", "install", "-y", "-q"]);
        assert!(fixed.status.success(), "apt-get -f install: {}", text(&fixed));
    }
    let status = Command::new("dpkg-query").args(["-W", "-f=${Status}", PACKAGE]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&status.stdout), "install ok installed", "{}", text(&install));
    assert!(Path::new(INSTALLED_BINARY).exists());

    let desktop = std::fs::read_to_string("/usr/share/applications/Bestuursmap.desktop").unwrap();
    assert!(desktop.contains("MimeType=application/x-bestuursmap-bundel"), "{desktop}");
    assert!(desktop.contains("Exec=bestuursmap-app %f"), "a double-clicked bundle reaches the app:\n{desktop}");
    let mime_xml = std::fs::read_to_string(mime).unwrap();
    assert!(mime_xml.contains(r#"<glob pattern="*.bmbundel"/>"#), "{mime_xml}");

    // The installed binary on a new store (the passphrase as headless users give it): the demo
    // data is loaded on this first start and the meetings are listed.
    let dir = tempfile::tempdir().unwrap();
    let app = App::start_binary(Path::new(INSTALLED_BINARY), &dir.path().join("nieuw.db"));
    assert_eq!(app.wait_for_all("[data-testid=meeting-link]", 5).len(), 5);
    app.screenshot("installed-deb");
    drop(app);

    drop(guard);
    assert!(!Path::new(INSTALLED_BINARY).exists(), "dpkg -r removes the binary");
    let status = Command::new("dpkg-query").args(["-W", "-f=${Status}", PACKAGE]).output().unwrap();
    assert!(!String::from_utf8_lossy(&status.stdout).contains("ok installed"), "the package is removed");
}
