//! Helpers shared by the test suites.

use ed25519_dalek::Signer;
use readiness::domain::answers::SignOffRecord;
use readiness::domain::signing::{
    base64_encode, fingerprint, pae, payload, Envelope, EnvelopeSignature, SignedFacts,
    PAYLOAD_TYPE,
};
use readiness::domain::Checklist;

/// A sign-off record signed the way the browser signs it, with a key derived from `seed`.
#[allow(clippy::too_many_arguments, dead_code)]
pub fn signed(
    c: &Checklist,
    item: &str,
    role: &str,
    name: &str,
    date: &str,
    signed_at: &str,
    digest: &str,
    seed: u8,
) -> SignOffRecord {
    let key = ed25519_dalek::SigningKey::from_bytes(&[seed; 32]);
    let public = key.verifying_key().to_bytes();
    let facts = SignedFacts {
        file: &c.file,
        template_sha256: c.sha256(),
        item,
        role,
        name,
        date,
        signed_at,
        answers_digest: digest,
    };
    let body = payload(&facts);
    let sig = key.sign(&pae(PAYLOAD_TYPE, &body));
    SignOffRecord {
        item: item.to_string(),
        role: role.to_string(),
        name: name.to_string(),
        date: date.to_string(),
        signed_at: signed_at.to_string(),
        digest: digest.to_string(),
        public_key: Some(base64_encode(&public)),
        envelope: Some(Envelope {
            payload_type: PAYLOAD_TYPE.to_string(),
            payload: base64_encode(&body),
            signatures: vec![EnvelopeSignature {
                keyid: fingerprint(&public),
                sig: base64_encode(&sig.to_bytes()),
            }],
        }),
    }
}
