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
