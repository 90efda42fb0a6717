-- What a claim is: 'report' (someone says, judges or takes a stance on something) or 'act'
-- (a deed done to an object: "Putin signed a law", "CARE offered language classes"; see
-- newstrail.nlp.acts). Claims stored before this migration are reports until the claims
-- stage runs again (its version changed with this column).
ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'report';
CREATE INDEX claims_kind ON claims(kind);
