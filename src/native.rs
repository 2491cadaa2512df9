//! Native-only pieces: the Ed25519 signature check used by the CLI (the browser uses WebCrypto,
//! so no curve code ships in the wasm).

use crate::domain::signing::SignatureVerifier;

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
    use crate::domain::signing::{
        base64_encode, fingerprint, pae, payload, Envelope, EnvelopeSignature, PAYLOAD_TYPE,
    };
    use ed25519_dalek::Signer;
    let public = key.verifying_key().to_bytes();
    let body = payload(&r.facts(file, sha256));
    let sig = key.sign(&pae(PAYLOAD_TYPE, &body));
    r.public_key = Some(base64_encode(&public));
    r.envelope = Some(Envelope {
        payload_type: PAYLOAD_TYPE.to_string(),
        payload: base64_encode(&body),
        signatures: vec![EnvelopeSignature {
            keyid: fingerprint(&public),
            sig: base64_encode(&sig.to_bytes()),
        }],
    });
}
