//! This browser profile's Ed25519 signing key, with WebCrypto: created on the first sign-off,
//! kept in local storage (as a JWK, so it can be exported to another browser and imported back),
//! used to sign sign-offs and to verify signatures in the auditor view. No curve code ships in
//! the wasm. WebCrypto's Ed25519 needs a current browser and a secure context (https or
//! localhost); where it is missing, the user is told and sign-offs are recorded unsigned.

use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::domain::answers::SignOffRecord;
use crate::domain::signoff::signing::{
    base64_decode, base64_encode, fingerprint, pae, payload, Envelope, EnvelopeSignature,
    SignatureCheck, PAYLOAD_TYPE,
};

use crate::ui::platform::storage;

const KEY: &str = "readiness:v1:signing-key";
const EARLIER: &str = "readiness:v1:signing-keys-earlier";

/// The stored key pair.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredKey {
    /// Raw public key, base64.
    pub public: String,
    /// Private key as a JWK.
    pub private_jwk: serde_json::Value,
}

const UNSUPPORTED: &str = "this browser cannot sign: Ed25519 in WebCrypto needs a current browser and a secure context (https or localhost)";

fn subtle() -> Result<SubtleCrypto, String> {
    let window = web_sys::window().ok_or(UNSUPPORTED)?;
    if !window.is_secure_context() {
        return Err(UNSUPPORTED.to_string());
    }
    Ok(window.crypto().map_err(|_| UNSUPPORTED)?.subtle())
}

fn algorithm() -> Object {
    let o = Object::new();
    let _ = Reflect::set(&o, &"name".into(), &"Ed25519".into());
    o
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|u| JsValue::from_str(u))
        .collect::<Array>()
        .into()
}

async fn wait(p: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
    let p = p.map_err(|_| UNSUPPORTED.to_string())?;
    JsFuture::from(p).await.map_err(|_| UNSUPPORTED.to_string())
}

/// The stored key, if this profile has one.
pub fn stored() -> Option<StoredKey> {
    storage::get_json(KEY)
}

thread_local! {
    /// This profile's key fingerprint as last read or written (`None` until first asked): an
    /// attributed change asks for it on every toggle, and storage is read once per page, then
    /// again only when the key panel changes it or another tab does ([`forget_key`]).
    static FINGERPRINT: std::cell::RefCell<Option<Option<String>>> =
        const { std::cell::RefCell::new(None) };
}

/// The fingerprint of a stored key.
fn fingerprint_of_public(public: &str) -> Option<String> {
    Some(fingerprint(&base64_decode(public)?))
}

/// Fingerprint of this profile's key, if it has one.
pub fn current_fingerprint() -> Option<String> {
    FINGERPRINT.with(|f| {
        f.borrow_mut()
            .get_or_insert_with(|| {
                storage::get_json::<StoredKey>(KEY).and_then(|k| fingerprint_of_public(&k.public))
            })
            .clone()
    })
}

/// Keeps the cached fingerprint in step with a key just written.
fn remember(key: &StoredKey) {
    FINGERPRINT.with(|f| *f.borrow_mut() = Some(fingerprint_of_public(&key.public)));
}

/// Drops the cached fingerprint (another tab changed the key): the next ask reads storage.
pub fn forget_key() {
    FINGERPRINT.with(|f| *f.borrow_mut() = None);
}

/// Whether a storage key is this profile's signing key.
pub fn is_key_entry(key: &str) -> bool {
    key == KEY
}

async fn private_key(k: &StoredKey) -> Result<CryptoKey, String> {
    let s = subtle()?;
    let jwk: Object = serde_wasm_jwk(&k.private_jwk)?;
    let key = wait(s.import_key_with_object("jwk", &jwk, &algorithm(), false, &usages(&["sign"])))
        .await?;
    key.dyn_into().map_err(|_| UNSUPPORTED.to_string())
}

fn serde_wasm_jwk(v: &serde_json::Value) -> Result<Object, String> {
    js_sys::JSON::parse(&v.to_string())
        .ok()
        .and_then(|o| o.dyn_into::<Object>().ok())
        .ok_or_else(|| "the stored signing key is unreadable".to_string())
}

async fn create() -> Result<StoredKey, String> {
    let s = subtle()?;
    let pair =
        wait(s.generate_key_with_object(&algorithm(), true, &usages(&["sign", "verify"]))).await?;
    let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())
        .ok()
        .and_then(|k| k.dyn_into().ok())
        .ok_or(UNSUPPORTED)?;
    let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())
        .ok()
        .and_then(|k| k.dyn_into().ok())
        .ok_or(UNSUPPORTED)?;
    let raw = wait(s.export_key("raw", &public)).await?;
    let jwk = wait(s.export_key("jwk", &private)).await?;
    let jwk = js_sys::JSON::stringify(&jwk)
        .ok()
        .and_then(|j| j.as_string())
        .and_then(|j| serde_json::from_str(&j).ok())
        .ok_or(UNSUPPORTED)?;
    let key = StoredKey {
        public: base64_encode(&Uint8Array::new(&raw).to_vec()),
        private_jwk: jwk,
    };
    storage::set_json(KEY, &key)
        .map_err(|e| format!("the new signing key could not be saved ({e})"))?;
    remember(&key);
    Ok(key)
}

/// Signs a sign-off record in place (its digest and fields must already be final).
pub async fn sign_record(
    file: &str,
    template_sha256: &str,
    r: &mut SignOffRecord,
) -> Result<(), String> {
    let key = match stored() {
        Some(k) => k,
        None => create().await?,
    };
    let body = payload(&r.facts(file, template_sha256));
    let message = pae(PAYLOAD_TYPE, &body);
    let private = private_key(&key).await?;
    let sig =
        wait(subtle()?.sign_with_object_and_u8_array(&algorithm(), &private, &message)).await?;
    let public = base64_decode(&key.public).ok_or("the stored public key is unreadable")?;
    r.public_key = Some(key.public.clone());
    r.envelope = Some(Envelope {
        payload_type: PAYLOAD_TYPE.to_string(),
        payload: base64_encode(&body),
        signatures: vec![EnvelopeSignature {
            keyid: fingerprint(&public),
            sig: base64_encode(&Uint8Array::new(&sig).to_vec()),
        }],
    });
    Ok(())
}

/// Checks one Ed25519 signature with WebCrypto (false when it does not hold or cannot be checked).
pub async fn verify(check: &SignatureCheck) -> bool {
    let Ok(s) = subtle() else { return false };
    let raw = Uint8Array::from(check.public_key.as_slice());
    let Ok(key) = wait(s.import_key_with_object(
        "raw",
        &raw.into(),
        &algorithm(),
        false,
        &usages(&["verify"]),
    ))
    .await
    else {
        return false;
    };
    let Ok(key) = key.dyn_into::<CryptoKey>() else {
        return false;
    };
    let result = wait(s.verify_with_object_and_u8_array_and_u8_array(
        &algorithm(),
        &key,
        &check.signature,
        &check.message,
    ))
    .await;
    result.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Whether this browser can sign at all.
pub fn can_sign() -> Result<(), String> {
    subtle().map(|_| ())
}

/// The key as a JSON file for moving it to another browser.
pub fn export_json() -> Option<String> {
    stored().and_then(|k| serde_json::to_string_pretty(&k).ok())
}

/// Reads a key exported from another browser, proving its halves belong together; refuses
/// anything that is not one. Nothing is saved (see [`install`]).
pub async fn read_key(text: &str) -> Result<StoredKey, String> {
    let key: StoredKey = crate::domain::text::json::from_str_strict(text)
        .map_err(|e| format!("not a Readiness signing key ({e})"))?;
    let public = base64_decode(&key.public)
        .filter(|p| p.len() == 32)
        .ok_or("not a Readiness signing key (public key)")?;
    let probe = b"readiness key import";
    let private = private_key(&key).await?;
    let sig = wait(subtle()?.sign_with_object_and_u8_array(&algorithm(), &private, probe)).await?;
    let ok = verify(&SignatureCheck {
        public_key: public,
        message: probe.to_vec(),
        signature: Uint8Array::new(&sig).to_vec(),
    })
    .await;
    if !ok {
        return Err("the key's private and public halves do not belong together".to_string());
    }
    Ok(key)
}

/// The fingerprint of a stored key.
pub fn fingerprint_of(key: &StoredKey) -> String {
    base64_decode(&key.public)
        .map(|p| fingerprint(&p))
        .unwrap_or_default()
}

/// Keys this profile used before, newest first: an imported key never destroys the one it
/// replaces.
pub fn earlier() -> Vec<StoredKey> {
    storage::get_json(EARLIER).unwrap_or_default()
}

/// Makes `key` this profile's key; the one it replaces goes to the top of [`earlier`].
pub fn install(key: StoredKey) -> Result<String, String> {
    let fp = fingerprint_of(&key);
    let mut kept = earlier();
    kept.retain(|k| k.public != key.public);
    if let Some(current) = stored() {
        if current.public != key.public {
            kept.retain(|k| k.public != current.public);
            kept.insert(0, current);
        }
    }
    storage::set_json(EARLIER, &kept)
        .map_err(|e| format!("the current key could not be kept first ({e})"))?;
    storage::set_json(KEY, &key).map_err(|e| format!("the key could not be saved ({e})"))?;
    remember(&key);
    Ok(fp)
}

/// Creates this profile's key now, if it has none and the browser can sign; its fingerprint.
pub async fn ensure_key() -> Result<String, String> {
    let key = match stored() {
        Some(k) => k,
        None => create().await?,
    };
    Ok(fingerprint_of(&key))
}
