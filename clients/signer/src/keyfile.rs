//! The signer's Bitcoin key: a secp256k1 secret key, as 64 hex digits and a newline, in a file
//! only its owner can read.
//!
//! Whoever reads the file can sign for the validator's share of every vault, so the daemon is
//! strict about it: [`generate`] creates the file with mode 0600 from the start (not chmod-ed
//! afterwards, which would leave a window in which it is readable) and never overwrites a key,
//! which could not be got back; [`load`] refuses a file that group or others may read, as ssh
//! does, so a key that was exposed is noticed rather than used. Errors name the file but never
//! show its content.

use bitcoin::{
	hex::{DisplayHex, FromHex},
	secp256k1::{Keypair, Secp256k1, SecretKey, XOnlyPublicKey},
};
use std::{
	fs::{self, File, OpenOptions},
	io::{self, Read, Write},
	os::unix::fs::{MetadataExt, OpenOptionsExt},
	path::{Path, PathBuf},
};

/// The mode [`generate`] gives a key file: read and write by its owner only.
pub const KEY_FILE_MODE: u32 = 0o600;

/// Most bytes [`load`] reads: a key and some whitespace. A larger file is not a key file.
const MAX_LEN: u64 = 1024;

/// What went wrong with a key file.
#[derive(Debug, thiserror::Error)]
pub enum KeyfileError {
	/// [`generate`] found a file in the way.
	#[error(
		"{}: a file already exists there; refusing to overwrite it (it may hold a key that \
		 cannot be recovered)",
		.path.display()
	)]
	Exists { path: PathBuf },
	/// The file could not be created, written or read.
	#[error("{}: {source}", .path.display())]
	Io { path: PathBuf, source: io::Error },
	/// Group or others may read (or write) the file.
	#[error(
		"{}: mode {:04o} gives group or others access to the key; run `chmod 600` on it (and \
		 consider the key exposed if others could read it)",
		.path.display(),
		.mode & 0o7777
	)]
	Permissions { path: PathBuf, mode: u32 },
	/// The path is not a regular file.
	#[error("{}: not a regular file", .path.display())]
	NotAFile { path: PathBuf },
	/// The content is not a secret key.
	#[error("{}: not a key file: {reason}", .path.display())]
	Malformed { path: PathBuf, reason: &'static str },
}

/// What the key file functions return.
pub type Result<T> = std::result::Result<T, KeyfileError>;

/// Creates `path` with mode 0600 and writes a new random secret key to it. Returns its x-only
/// public key, the one a validator registers. Refuses if anything exists at `path`.
pub fn generate(path: &Path) -> Result<XOnlyPublicKey> {
	let secp = Secp256k1::new();
	let keypair = random_keypair(&secp)
		.map_err(|source| KeyfileError::Io { path: "/dev/urandom".into(), source })?;
	write_new(path, &keypair)
}

/// Creates `path` as [`generate`] does, but with the given secret key (for the well-known dev
/// keys of the `dev` and `local` chains, which are public: never for real coins).
pub fn create(path: &Path, secret: &SecretKey) -> Result<XOnlyPublicKey> {
	write_new(path, &Keypair::from_secret_key(&Secp256k1::new(), secret))
}

/// The secret key of the well-known dev signer `name` (`//Alice`, ...) of the `dev` and
/// `local` chains: the SHA-256 of `tapchain-dev-btc-key` followed by `name` (UTF-8), as the
/// runtime's genesis presets derive it. Public knowledge: never for real coins. `None` if the
/// hash is not a valid secret key (negligibly rare).
pub fn dev_secret(name: &str) -> Option<SecretKey> {
	use bitcoin::hashes::{sha256, Hash, HashEngine};
	let mut engine = sha256::Hash::engine();
	engine.input(b"tapchain-dev-btc-key");
	engine.input(name.as_bytes());
	SecretKey::from_slice(&sha256::Hash::from_engine(engine).to_byte_array()).ok()
}

/// Writes `keypair`'s secret to a new file at `path`, mode 0600; returns its x-only key.
fn write_new(path: &Path, keypair: &Keypair) -> Result<XOnlyPublicKey> {
	// `create_new` is O_CREAT | O_EXCL: it fails on an existing file, and on a symlink even to
	// nowhere, so the key is never written through a link someone else planted.
	let mut file = OpenOptions::new()
		.write(true)
		.create_new(true)
		.mode(KEY_FILE_MODE)
		.open(path)
		.map_err(|source| match source.kind() {
		io::ErrorKind::AlreadyExists => KeyfileError::Exists { path: path.into() },
		_ => KeyfileError::Io { path: path.into(), source },
	})?;
	let content = format!("{}\n", keypair.secret_bytes().to_lower_hex_string());
	if let Err(source) = file.write_all(content.as_bytes()).and_then(|()| file.sync_all()) {
		// A half-written file would block the next attempt and hold no usable key.
		drop(file);
		let _ = fs::remove_file(path);
		return Err(KeyfileError::Io { path: path.into(), source });
	}
	Ok(keypair.x_only_public_key().0)
}

/// A keypair from the operating system's random source (`/dev/urandom`, the kernel CSPRNG).
/// Read directly rather than through `rand`, so that the workspace's `bitcoin` crate keeps one
/// feature set (a `rand-std` here would rebuild every crate that uses it).
fn random_keypair(secp: &Secp256k1<bitcoin::secp256k1::All>) -> io::Result<Keypair> {
	use std::io::Read;
	let mut urandom = fs::File::open("/dev/urandom")?;
	loop {
		let mut bytes = [0u8; 32];
		urandom.read_exact(&mut bytes)?;
		// Zero or above the order: probability ~2^-128; draw again.
		if let Ok(secret) = SecretKey::from_slice(&bytes) {
			return Ok(Keypair::from_secret_key(secp, &secret));
		}
	}
}

/// Reads the key [`generate`] wrote to `path`. Refuses a file group or others may access, and
/// anything but 64 hex digits of a valid secret key (surrounding whitespace aside).
pub fn load(path: &Path) -> Result<Keypair> {
	let io_err = |source| KeyfileError::Io { path: path.into(), source };
	let file = File::open(path).map_err(io_err)?;
	// The mode of the file opened, not of the path: it cannot change in between.
	let meta = file.metadata().map_err(io_err)?;
	if !meta.is_file() {
		return Err(KeyfileError::NotAFile { path: path.into() });
	}
	if meta.mode() & 0o077 != 0 {
		return Err(KeyfileError::Permissions { path: path.into(), mode: meta.mode() });
	}
	let malformed = |reason| KeyfileError::Malformed { path: path.into(), reason };
	let mut bytes = Vec::new();
	file.take(MAX_LEN + 1).read_to_end(&mut bytes).map_err(io_err)?;
	if bytes.len() as u64 > MAX_LEN {
		return Err(malformed("longer than a key"));
	}
	let text = std::str::from_utf8(&bytes).map_err(|_| malformed("not text"))?.trim();
	if text.len() != 64 {
		return Err(malformed("expected 64 hex digits (a 32-byte secret key)"));
	}
	let secret = <[u8; 32]>::from_hex(text).map_err(|_| malformed("not hex digits"))?;
	let secret = SecretKey::from_slice(&secret).map_err(|_| {
		malformed("not a secp256k1 secret key (zero, or not below the curve order)")
	})?;
	Ok(Keypair::from_secret_key(&Secp256k1::new(), &secret))
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::os::unix::fs::PermissionsExt;

	fn mode(path: &Path) -> u32 {
		fs::metadata(path).unwrap().mode() & 0o7777
	}

	/// Writes `content` to `path` with exactly `mode`, whatever the umask.
	fn write(path: &Path, content: &[u8], mode: u32) {
		fs::write(path, content).unwrap();
		fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
	}

	#[test]
	fn generates_a_key_only_its_owner_can_read_and_loads_it_back() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("signer.key");
		let public = generate(&path).unwrap();
		assert_eq!(mode(&path), 0o600);
		let content = fs::read_to_string(&path).unwrap();
		assert_eq!(content.len(), 65);
		assert!(content.ends_with('\n'));
		assert!(content[..64].bytes().all(|b| b.is_ascii_hexdigit()));
		let keypair = load(&path).unwrap();
		assert_eq!(keypair.x_only_public_key().0, public);
		assert_eq!(keypair.secret_bytes().to_lower_hex_string(), content[..64]);
	}

	#[test]
	fn generates_a_different_key_each_time() {
		let dir = tempfile::tempdir().unwrap();
		let a = generate(&dir.path().join("a.key")).unwrap();
		let b = generate(&dir.path().join("b.key")).unwrap();
		assert_ne!(a, b);
	}

	#[test]
	fn refuses_to_overwrite_a_file() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("signer.key");
		let first = generate(&path).unwrap();
		let before = fs::read(&path).unwrap();
		let err = generate(&path).unwrap_err();
		assert!(matches!(err, KeyfileError::Exists { .. }), "{err:?}");
		assert!(err.to_string().contains("refusing to overwrite it"), "{err}");
		assert_eq!(fs::read(&path).unwrap(), before);
		assert_eq!(load(&path).unwrap().x_only_public_key().0, first);
		// Nor through a symlink, even a dangling one.
		let link = dir.path().join("link.key");
		std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
		assert!(matches!(generate(&link), Err(KeyfileError::Exists { .. })));
		assert!(!dir.path().join("nowhere").exists());
	}

	#[test]
	fn refuses_a_key_file_group_or_others_can_access() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("signer.key");
		generate(&path).unwrap();
		for bad in [0o640, 0o604, 0o660, 0o644, 0o610, 0o601, 0o620, 0o602] {
			fs::set_permissions(&path, fs::Permissions::from_mode(bad)).unwrap();
			let err = load(&path).unwrap_err();
			assert!(matches!(err, KeyfileError::Permissions { mode, .. } if mode & 0o777 == bad));
			let text = err.to_string();
			assert!(text.contains(&format!("mode {bad:04o}")), "{text}");
			assert!(text.contains("chmod 600"), "{text}");
		}
		// Owner-only modes pass.
		for good in [0o600, 0o400] {
			fs::set_permissions(&path, fs::Permissions::from_mode(good)).unwrap();
			assert!(load(&path).is_ok(), "{good:o}");
		}
	}

	#[test]
	fn refuses_malformed_content() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("signer.key");
		let order = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
		let cases: [(&[u8], &str); 8] = [
			(b"", "expected 64 hex digits"),
			(b"0123\n", "expected 64 hex digits"),
			(&[b'1'; 66], "expected 64 hex digits"),
			(&[b'g'; 64], "not hex digits"),
			(&[b'0'; 64], "not a secp256k1 secret key"),
			(order.as_bytes(), "not a secp256k1 secret key"),
			(&[0xff; 64], "not text"),
			(&[b' '; 2000], "longer than a key"),
		];
		for (content, reason) in cases {
			write(&path, content, 0o600);
			let err = load(&path).unwrap_err();
			assert!(matches!(err, KeyfileError::Malformed { .. }), "{err:?}");
			let text = err.to_string();
			assert!(text.contains(reason), "{text}");
			// The content is never shown.
			assert!(!text.contains(order) && !text.contains("gggg"), "{text}");
		}
		// Whitespace around the key, and upper case, are fine.
		let key = "  0000000000000000000000000000000000000000000000000000000000000001\r\n";
		write(&path, key.as_bytes(), 0o600);
		assert_eq!(load(&path).unwrap().secret_bytes()[31], 1);
		write(&path, order.to_uppercase().replace("4141", "4140").as_bytes(), 0o600);
		assert!(load(&path).is_ok());
	}

	#[test]
	fn creates_a_given_key_and_the_dev_keys_are_the_presets() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("alice.key");
		let secret = dev_secret("//Alice").unwrap();
		// python3: hashlib.sha256(b"tapchain-dev-btc-key//Alice").hexdigest()
		assert_eq!(
			secret.secret_bytes().to_lower_hex_string(),
			"468026f8873d796a648fd5abe3aafc7c647e9679922d8a9cb30a1e6585de5aff"
		);
		let key = create(&path, &secret).unwrap();
		assert_eq!(mode(&path), KEY_FILE_MODE);
		let loaded = load(&path).unwrap();
		assert_eq!(loaded.secret_bytes(), secret.secret_bytes());
		assert_eq!(loaded.x_only_public_key().0, key);
		assert!(matches!(create(&path, &secret), Err(KeyfileError::Exists { .. })));
		assert_ne!(dev_secret("//Bob"), Some(secret));
	}

	#[test]
	fn refuses_a_missing_file_or_a_directory() {
		let dir = tempfile::tempdir().unwrap();
		let err = load(&dir.path().join("missing.key")).unwrap_err();
		assert!(
			matches!(&err, KeyfileError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
		);
		let sub = dir.path().join("sub");
		fs::create_dir(&sub).unwrap();
		fs::set_permissions(&sub, fs::Permissions::from_mode(0o700)).unwrap();
		assert!(matches!(load(&sub), Err(KeyfileError::NotAFile { .. })));
	}
}
