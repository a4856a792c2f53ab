-- The default labels' colors, replaced where nobody changed them: the old Claim amber had 2:1
-- contrast on white, and Source and Anonymous attribution looked alike to protanopes. A color
-- someone chose stays. schema/palette.ts holds the same values.
UPDATE labels SET color = '#cc4400' WHERE id = '01a21703-b102-74fb-bc80-b099fb9705bc' AND color = '#e5a100';
UPDATE labels SET color = '#9933ff' WHERE id = '01a21703-b104-704f-82a9-1655f708d110' AND color = '#2f7fd8';
UPDATE labels SET color = '#229988' WHERE id = '01a21703-b104-704f-82a9-199eaceecd1b' AND color = '#c2418a';
