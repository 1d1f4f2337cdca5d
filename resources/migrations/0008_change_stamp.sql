-- 0008: Store::changeStamp, which the window polls every few seconds on its GUI thread, sums the
-- row versions of an app's change rows. Read from the table that meant reading every change's
-- state text (60 000 rows of user-app in the 100 000-event demo: 0.14-0.22 s); from this index it
-- is an index-only scan (0.01-0.02 s).
CREATE INDEX changes_stamp ON changes (demand_id, row_version);
