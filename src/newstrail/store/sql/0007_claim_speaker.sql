-- The speaker a claim's source span stands for. Usually the source itself; for a relative
-- pronoun ("Mr. Obama, who said ...": the source span is "who", as PolNeAR annotates it) the
-- antecedent. Entity links, `claims --source` and chains use the speaker.
ALTER TABLE claims ADD COLUMN speaker_text TEXT;
ALTER TABLE claims ADD COLUMN speaker_start INTEGER;
ALTER TABLE claims ADD COLUMN speaker_end INTEGER;
UPDATE claims SET speaker_text = source_text, speaker_start = source_start,
                  speaker_end = source_end;
CREATE INDEX claims_speaker ON claims(speaker_text COLLATE NOCASE);
