//! Native-only pieces: the Ed25519 signature check used by the CLI (the browser uses WebCrypto,
//! so no curve code ships in the wasm).

use crate::domain::signoff::signing::SignatureVerifier;

/// Ed25519 verification with ed25519-dalek (strict: rejects malleable and small-order inputs).
pub struct DalekVerifier;

impl SignatureVerifier for DalekVerifier {
    fn verify(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        let Ok(pk) = <[u8; 32]>::try_from(public_key) else {
            return false;
        };
        let Ok(sig) = <[u8; 64]>::try_from(signature) else {
            return false;
        };
        let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&pk) else {
            return false;
        };
        key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&sig))
            .is_ok()
    }
}

/// Signs a sign-off record as the browser signs it with WebCrypto (DSSE around the in-toto
/// statement of `r` for the checklist `file` with SHA-256 `sha256`), filling its `public_key` and
/// `envelope`. The app never uses this (its keys live in WebCrypto); tests, benchmarks and tools
/// that need genuinely signed records do.
pub fn sign_record(
    key: &ed25519_dalek::SigningKey,
    file: &str,
    sha256: &str,
    r: &mut crate::domain::answers::SignOffRecord,
) {
    use crate::domain::signoff::signing::{base64_encode, payload};
    let body = payload(&r.facts(file, sha256));
    r.public_key = Some(base64_encode(&key.verifying_key().to_bytes()));
    r.envelope = Some(sign_dsse(key, &body));
}

/// Every sign-off line of `c` signed over `answers` as they are, as each line's signer would sign
/// it in their own browser: line `k` (in document order) as `name(k)` with the key `key(k)`, dated
/// `date`, recorded at `signed_at`. For tests, benchmarks and tools that need a genuinely signed
/// release.
pub fn sign_every_line(
    c: &crate::domain::Checklist,
    answers: &mut crate::domain::answers::Answers,
    (date, signed_at): (&str, &str),
    name: impl Fn(usize) -> String,
    key: impl Fn(usize) -> ed25519_dalek::SigningKey,
) {
    let digest = crate::domain::answers::digest::answers_digest(c, answers);
    for (k, it) in c.items.iter().filter(|i| i.signoff.is_some()).enumerate() {
        let mut r = crate::domain::answers::SignOffRecord {
            item: it.id.clone(),
            role: it
                .signoff
                .as_ref()
                .map(|s| s.role.clone())
                .unwrap_or_default(),
            name: name(k),
            date: date.to_string(),
            signed_at: signed_at.to_string(),
            digest: digest.clone(),
            public_key: None,
            envelope: None,
        };
        sign_record(&key(k), &c.file, c.sha256(), &mut r);
        answers.signoffs.push(r);
    }
}

/// A DSSE envelope of the in-toto statement `body` (its canonical bytes) signed by `key`, the key
/// id its public key's fingerprint.
pub fn sign_dsse(
    key: &ed25519_dalek::SigningKey,
    body: &[u8],
) -> crate::domain::signoff::signing::Envelope {
    use crate::domain::signoff::signing::{
        base64_encode, fingerprint, pae, Envelope, EnvelopeSignature, PAYLOAD_TYPE,
    };
    use ed25519_dalek::Signer;
    let public = key.verifying_key().to_bytes();
    let sig = key.sign(&pae(PAYLOAD_TYPE, body));
    Envelope {
        payload_type: PAYLOAD_TYPE.to_string(),
        payload: base64_encode(body),
        signatures: vec![EnvelopeSignature {
            keyid: fingerprint(&public),
            sig: base64_encode(&sig.to_bytes()),
        }],
    }
}

/// The signing key in a key file the app exports ("Export key": `{"public", "private_jwk"}`) or
/// in a bare Ed25519 JWK (`{"kty": "OKP", "crv": "Ed25519", "d", "x"}`).
pub fn signing_key_from_json(text: &str) -> Result<ed25519_dalek::SigningKey, String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let jwk = v.get("private_jwk").unwrap_or(&v);
    if jwk.get("kty").and_then(|k| k.as_str()) != Some("OKP")
        || jwk.get("crv").and_then(|k| k.as_str()) != Some("Ed25519")
    {
        return Err("not an Ed25519 key (a JWK with kty OKP and crv Ed25519)".to_string());
    }
    let field = |name: &str| -> Result<[u8; 32], String> {
        let s = jwk
            .get(name)
            .and_then(|x| x.as_str())
            .ok_or_else(|| format!("the key has no \"{name}\""))?;
        let bytes = URL_SAFE_NO_PAD
            .decode(s.trim_end_matches('='))
            .map_err(|_| format!("the key's \"{name}\" is not base64url"))?;
        <[u8; 32]>::try_from(bytes.as_slice())
            .map_err(|_| format!("the key's \"{name}\" is not 32 bytes"))
    };
    let key = ed25519_dalek::SigningKey::from_bytes(&field("d")?);
    if let Ok(x) = field("x") {
        if x != key.verifying_key().to_bytes() {
            return Err("the key's public part \"x\" does not match its private part".to_string());
        }
    }
    Ok(key)
}
