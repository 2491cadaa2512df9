//! Signed sign-offs: each sign-off carries a DSSE envelope (Dead Simple Signing Envelope) around an
//! in-toto v1 statement whose subject is the checklist template and whose predicate is the
//! sign-off itself, including the answers digest at signing. The signature is Ed25519.
//!
//! This module builds and checks everything except the curve arithmetic, which the caller injects
//! as a [`SignatureVerifier`]: the CLI uses ed25519-dalek, the browser WebCrypto. So the same code
//! decides what a valid signature means everywhere, and the wasm carries no curve code.

use serde_json::{json, Value};

// The vocabulary signing shares with the layers below it: envelopes are part of a sign-off record
// (`answers`), fingerprints and base64 are text.
use crate::domain::answers::SignOffRecord;
pub use crate::domain::answers::{Envelope, EnvelopeSignature};
pub use crate::domain::text::{base64_decode, base64_encode, fingerprint, short_fingerprint};

/// DSSE payload type of the statement.
pub const PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";
/// in-toto statement type.
pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";
/// Predicate type of a Readiness sign-off.
pub const PREDICATE_TYPE: &str = "urn:readiness:signoff:v1";

/// What a sign-off signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedFacts<'a> {
    /// Checklist file name.
    pub file: &'a str,
    /// SHA-256 of the template bytes.
    pub template_sha256: &'a str,
    /// Sign-off item id.
    pub item: &'a str,
    /// Role.
    pub role: &'a str,
    /// Signer's name.
    pub name: &'a str,
    /// Date on the sign-off.
    pub date: &'a str,
    /// When it was recorded.
    pub signed_at: &'a str,
    /// Answers digest at signing.
    pub answers_digest: &'a str,
}

/// The in-toto statement for a sign-off.
pub fn statement(f: &SignedFacts<'_>) -> Value {
    json!({
        "_type": STATEMENT_TYPE,
        "subject": [{"name": f.file, "digest": {"sha256": f.template_sha256}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "item": f.item,
            "role": f.role,
            "name": f.name,
            "date": f.date,
            "signedAt": f.signed_at,
            "answersDigest": f.answers_digest,
        }
    })
}

/// The canonical bytes of the statement (the DSSE payload).
pub fn payload(f: &SignedFacts<'_>) -> Vec<u8> {
    serde_json_canonicalizer::to_vec(&statement(f)).unwrap_or_default()
}

/// DSSE pre-authentication encoding: what is actually signed.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "DSSEv1 {} {} {} ",
        payload_type.len(),
        payload_type,
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out
}

/// The curve operation, supplied by the caller.
pub trait SignatureVerifier {
    /// Whether `signature` is a valid Ed25519 signature of `message` by `public_key`.
    fn verify(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool;
}

/// One signature to check: what the browser verifies with WebCrypto before calling
/// [`crate::domain::audit::verify`] with the results.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SignatureCheck {
    /// Raw public key.
    pub public_key: Vec<u8>,
    /// The PAE bytes.
    pub message: Vec<u8>,
    /// The signature bytes.
    pub signature: Vec<u8>,
}

/// Why a sign-off's signature does not hold, if it does not.
pub fn check_signoff(
    facts: &SignedFacts<'_>,
    public_key: Option<&str>,
    envelope: Option<&Envelope>,
    verifier: &dyn SignatureVerifier,
) -> Result<String, String> {
    let who = format!("{} by {:?}", facts.role, facts.name);
    let (Some(pk), Some(env)) = (public_key, envelope) else {
        return Err(format!("sign-off {who} is not signed"));
    };
    let pk =
        base64_decode(pk).ok_or_else(|| format!("sign-off {who}: public key is not base64"))?;
    if pk.len() != 32 {
        return Err(format!(
            "sign-off {who}: public key is not a 32-byte Ed25519 key"
        ));
    }
    let fp = fingerprint(&pk);
    if env.payload_type != PAYLOAD_TYPE {
        return Err(format!(
            "sign-off {who}: envelope payload type {:?} is not {PAYLOAD_TYPE}",
            env.payload_type
        ));
    }
    let payload = base64_decode(&env.payload)
        .ok_or_else(|| format!("sign-off {who}: envelope payload is not base64"))?;
    if payload != self::payload(facts) {
        return Err(format!(
            "sign-off {who}: the signed statement does not match this sign-off or checklist (signature from another record?)"
        ));
    }
    let [sig] = env.signatures.as_slice() else {
        return Err(format!("sign-off {who}: expected exactly one signature"));
    };
    if sig.keyid != fp {
        return Err(format!(
            "sign-off {who}: key id does not match the public key"
        ));
    }
    let signature = base64_decode(&sig.sig)
        .filter(|s| s.len() == 64)
        .ok_or_else(|| format!("sign-off {who}: signature is not a 64-byte Ed25519 signature"))?;
    if !verifier.verify(&pk, &pae(&env.payload_type, &payload), &signature) {
        return Err(format!(
            "sign-off {who}: signature does not verify with key {}",
            short_fingerprint(&fp)
        ));
    }
    Ok(fp)
}

/// The signature check a sign-off asks for, if it is well-formed enough to have one.
pub fn signature_check(
    public_key: Option<&str>,
    envelope: Option<&Envelope>,
) -> Option<SignatureCheck> {
    let pk = base64_decode(public_key?)?;
    let env = envelope?;
    let payload = base64_decode(&env.payload)?;
    let sig = base64_decode(&env.signatures.first()?.sig)?;
    Some(SignatureCheck {
        public_key: pk,
        message: pae(&env.payload_type, &payload),
        signature: sig,
    })
}

/// A verifier that answers each check once: verification judges a record's sign-offs from the
/// record and again from its template, and each signature costs a curve operation.
pub struct Remembering<'a> {
    inner: &'a dyn SignatureVerifier,
    seen: std::cell::RefCell<std::collections::HashMap<SignatureCheck, bool>>,
}

impl<'a> Remembering<'a> {
    /// Remembers the answers of `inner`.
    pub fn new(inner: &'a dyn SignatureVerifier) -> Self {
        Remembering {
            inner,
            seen: Default::default(),
        }
    }
}

impl SignatureVerifier for Remembering<'_> {
    fn verify(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        let key = SignatureCheck {
            public_key: public_key.to_vec(),
            message: message.to_vec(),
            signature: signature.to_vec(),
        };
        if let Some(&ok) = self.seen.borrow().get(&key) {
            return ok;
        }
        let ok = self.inner.verify(public_key, message, signature);
        self.seen.borrow_mut().insert(key, ok);
        ok
    }
}

/// A verifier that answers from checks made beforehand (the browser's WebCrypto results).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Precomputed(pub std::collections::HashMap<SignatureCheck, bool>);

impl SignatureVerifier for Precomputed {
    fn verify(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        let key = SignatureCheck {
            public_key: public_key.to_vec(),
            message: message.to_vec(),
            signature: signature.to_vec(),
        };
        self.0.get(&key).copied().unwrap_or(false)
    }
}

/// A sign-off record's signed facts are signing's concern, so the record (plain data in `answers`)
/// gets them here.
impl SignOffRecord {
    /// What its signature covers, for the checklist `file` whose template has SHA-256
    /// `template_sha256`: the one place a sign-off record becomes signed facts, for signing in
    /// the browser and for checking an imported one.
    pub fn facts<'a>(&'a self, file: &'a str, template_sha256: &'a str) -> SignedFacts<'a> {
        SignedFacts {
            file,
            template_sha256,
            item: &self.item,
            role: &self.role,
            name: &self.name,
            date: &self.date,
            signed_at: &self.signed_at,
            answers_digest: &self.digest,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            assert_eq!(base64_decode(&base64_encode(s)).as_deref(), Some(s));
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_decode("Zm8"), None);
        assert_eq!(base64_decode("Zm8=Zm8="), None);
        assert_eq!(base64_decode("Z!8="), None);
        // Non-canonical: "Zm8=" with other trailing bits decodes to the same bytes elsewhere.
        assert_eq!(base64_decode("Zm9="), None);
        assert_eq!(base64_decode("Zg=="), Some(b"f".to_vec()));
        assert_eq!(base64_decode("Zh=="), None);
        assert_eq!(base64_decode("Zm8 "), None);
    }

    #[test]
    fn pae_matches_the_dsse_spec_example() {
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
        );
    }

    #[test]
    fn short_fingerprint_groups() {
        assert_eq!(
            short_fingerprint("0123456789abcdef0123"),
            "0123 4567 89ab cdef"
        );
    }
}
