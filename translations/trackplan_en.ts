<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>tp::AppListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platforms: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::ApprovalRulesModel</name>
    <message>
        <source>%1 → nobody: choose at least one approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must approve demands this rule applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a demand has</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::AssignDemandsDialog</name>
    <message>
        <source>Demands of version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open: the version can be frozen once it is merged, rejected or cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the demands that version %1 brings. Before it can be frozen, each of them must be merged, rejected or cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by key, title or status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app has no demands yet. Create them on the Demands page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n demand(s) checked.</source>
        <translation>
            <numerusform>%n demand checked.</numerusform>
            <numerusform>%n demands checked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them still open.</source>
        <translation>
            <numerusform>%n of them still open.</numerusform>
            <numerusform>%n of them still open.</numerusform>
        </translation>
    </message>
    <message>
        <source>OK adds %1 and removes %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::AttributeEditorDialog</name>
    <message>
        <source>Carried by every event of the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New attribute — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a regular expression the value must contain a match of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>try a value here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enum values:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test the pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Example:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;rivacy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Groups:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid pattern: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another attribute of this app has the key &quot;%1&quot; (ignoring case and separators).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::AttributeTableModel</name>
    <message>
        <source>Common attribute: carried by every event of the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::AuditLogModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the CSV file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::AuditPage</name>
    <message>
        <source>any day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only what this user did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this kind of action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only actions on this kind of thing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only actions in this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity key, e.g. DEM-0042</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only actions on the demand, version, event or user with exactly this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From this day on (your time zone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to and including this day (your time zone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every entry the filters select to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log has no entries yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entry matches the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read more of the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All entity types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 entries shown; scroll for more</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln entry</numerusform>
            <numerusform>%Ln entries</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to see all it records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln entry exported to %1.</numerusform>
            <numerusform>%Ln entries exported to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::CommentBox</name>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the comment to the discussion (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::CommentDialog</name>
    <message>
        <source>&amp;Comment (kept with the history):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why: the comment is required here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::DemandActionBar</name>
    <message>
        <source>Submit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel demand…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New demand…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work under this demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an app first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a demand for this app (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a demand first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a draft demand takes edits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edits already go into this demand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make new and changed events go into this demand&apos;s change set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs a demand that is %1; this one is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing approvals:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approval rule asks %1 to sign off this demand: they own none of its events that need their owner&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s approval is in already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve this demand as the owner of events it changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent this demand: that is their approval as the owner.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::DemandHtml</name>
    <message>
        <source>on %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every approval is in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its changes need no approval yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Missing before it can be merged: %n approval(s).</source>
        <translation>
            <numerusform>Missing before it can be merged: %n approval.</numerusform>
            <numerusform>Missing before it can be merged: %n approvals.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Once submitted it needs %n approval(s).</source>
        <translation>
            <numerusform>Once submitted it needs %n approval.</numerusform>
            <numerusform>Once submitted it needs %n approvals.</numerusform>
        </translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level of %1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level of new event %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>awaits a data steward (Governance page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discussion (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1 (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No field differs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent the demand</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::DemandListModel</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::DemandReviewPanel</name>
    <message>
        <source>Comment on the demand…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment on the chosen change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;omment on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a demand to see its review and its change set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a demand to see its change set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The review cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Review (%n missing)</source>
        <translation>
            <numerusform>Review (%n missing)</numerusform>
            <numerusform>Review (%n missing)</numerusform>
        </translation>
    </message>
    <message>
        <source>The change set cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 (%n comment(s))</source>
        <translation>
            <numerusform>%1 %2 (%n comment)</numerusform>
            <numerusform>%1 %2 (%n comments)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a demand first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This demand has no changes to comment on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the change to comment on.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::DemandsPage</name>
    <message>
        <source>Show only demands in this status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by key or title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app has no demands yet.&lt;br&gt;A demand collects the changes to events and attributes that one product need brings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No demand matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created as a draft. Add its changes, then submit it for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? (kept with the demand&apos;s history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not merged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edits on the Events page now go into %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should change? (the owner reads it in the discussion)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signed %2 off as the owner of its events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 was not merged: %n conflict(s) with changes made since. Nothing changed.</source>
        <translation>
            <numerusform>%1 was not merged: %n conflict with changes made since. Nothing changed.</numerusform>
            <numerusform>%1 was not merged: %n conflicts with changes made since. Nothing changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 merged: %n revision(s) written; the plan shows them now.</source>
        <translation>
            <numerusform>%1 merged: %n revision written; the plan shows it now.</numerusform>
            <numerusform>%1 merged: %n revisions written; the plan shows them now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tp::DetailView</name>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introduced in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deprecated in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event binds no attributes besides the common ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common: carried by every event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also carries the common attributes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n revision(s)</source>
        <translation>
            <numerusform>%1 — %n revision</numerusform>
            <numerusform>%1 — %n revisions</numerusform>
        </translation>
    </message>
    <message>
        <source>no demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::EventEditorDialog</name>
    <message>
        <source>New event — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower_snake_case: a–z, 0–9 and _, starting with a letter, at most 64 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key of an event does not change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trigger:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Platforms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Introduced in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another event of this app has the key &quot;%1&quot; (ignoring case and separators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes, in the order they are reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of a key or display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::EventTableModel</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version MODEL-REVISION-ADDITION, raised by every merged change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of attributes bound to the event (common attributes not counted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::GovernanceHistoryModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::GovernancePage</name>
    <message>
        <source>Waiting for a decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the level changes that wait for a data steward, or every decision too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the level changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events in the merged plan of this app yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy and the approval rules of this app have not been changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the governance of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level approvals (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy and rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No level change waits for a decision.&lt;br&gt;Levels that submitted demands of this app set or change show up here for a data steward.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No demand of this app has set or changed a level yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select level changes that wait for a decision first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Decide %Ln selected level change(s)</source>
        <translation>
            <numerusform>Decide the selected level change</numerusform>
            <numerusform>Decide %Ln selected level changes</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;code&gt;%1&lt;/code&gt; %2: %3 (%4)&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Approve these %Ln level change(s)?</source>
        <translation>
            <numerusform>Approve this level change?</numerusform>
            <numerusform>Approve these %Ln level changes?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject these %Ln level change(s)? The demands cannot merge until their owners propose levels that are approved.</source>
        <translation>
            <numerusform>Reject this level change? The demand cannot merge until its owner proposes a level that is approved.</numerusform>
            <numerusform>Reject these %Ln level changes? The demands cannot merge until their owners propose levels that are approved.</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln level change(s) approved.</source>
        <translation>
            <numerusform>%Ln level change approved.</numerusform>
            <numerusform>%Ln level changes approved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln level change(s) rejected.</source>
        <translation>
            <numerusform>%Ln level change rejected.</numerusform>
            <numerusform>%Ln level changes rejected.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tp::LevelChart</name>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events in the merged plan yet: nothing to count.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::LevelDistributionModel</name>
    <message>
        <source>(no category)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of %3 event(s) (%4 %)</source>
        <translation>
            <numerusform>%1: %2 of %3 event (%4 %)</numerusform>
            <numerusform>%1: %2 of %3 events (%4 %)</numerusform>
        </translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::LevelRequestModel</name>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About TrackPlan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TrackPlan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — TrackPlan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About TrackPlan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;TrackPlan %1&lt;/h3&gt;&lt;p&gt;Manage an app company&apos;s tracking plan: the events the apps report, their attributes, the demands that change them and the versions that release them.&lt;/p&gt;&lt;p&gt;Store: %2&lt;br&gt;User: %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the apps of the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the plan of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the plan of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln attribute(s)</source>
        <translation>
            <numerusform>%Ln attribute</numerusform>
            <numerusform>%Ln attributes</numerusform>
        </translation>
    </message>
    <message>
        <source>Demands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events &amp;&amp; attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop working under it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✎ Working under &lt;b&gt;%1&lt;/b&gt; %2 — new and changed events go into its change set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language shows when TrackPlan starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;No apps in this store yet&lt;/h3&gt;&lt;p&gt;Run &lt;code&gt;trackplanctl --db %1 demo&lt;/code&gt; to fill it with a demo plan, or &lt;code&gt;trackplanctl --db %1 import FILE&lt;/code&gt; to load an export, then choose &lt;b&gt;File → Reload&lt;/b&gt;. &lt;b&gt;File → Open store…&lt;/b&gt; opens another store.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store answers again; what changed meanwhile is loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store does not answer (%1). What you see may be out of date, and saving waits until it answers again; an open editor keeps what you typed. TrackPlan keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish to Redis…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the current app&apos;s versions to Redis for the collection services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a registered user of this store with the role %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is logged in to the PostgreSQL server, which gives the login the role %2 and enforces it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: %1 · owner of this SQLite file (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a registered user of this SQLite file and so acts as its owner, with every right of an admin. Set TRACKPLAN_USER to act as a registered user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User: %1 · no TrackPlan role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The login %1 has no TrackPlan role on this PostgreSQL server: it may read and change nothing. An admin gives it one (trackplanctl admin set-role).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Governance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::MergeConflictDialog</name>
    <message>
        <source>%1 was not merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event or attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base (rev. the demand started from)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (in the plan now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine (in the demand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (rev. %3 → %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These events or attributes changed in the plan after the demand edited them; nothing was merged. Choose for each field which value the demand takes — keep mine, take theirs, or edit it — then apply: the demand is brought up to date and merged again. Fields in bold were changed on both sides; where only the plan changed a field, theirs is chosen already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply and merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store these values in the demand&apos;s change set and merge it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed in the plan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed by the demand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(existed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both the plan and the demand changed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the plan changed it since the demand started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the demand changed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to see the value it resolves to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose Edit to change it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Value of %1 after the merge (%2):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would not be valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::NewDemandDialog</name>
    <message>
        <source>New demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the product needs, in a few words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://… (ticket or document)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target &amp;version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demand needs a title.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::NewVersionDialog</name>
    <message>
        <source>New version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this release brings (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version starts in planning: assign the demands it brings, freeze it to take the snapshot that QA tests, then release it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A version needs a name: its version number, such as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a version number: use numbers separated by dots, such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the same version number as %2, which exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 will be created in planning.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PasswordDialog</name>
    <message>
        <source>Re&amp;member password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;TrackPlan could not open &lt;b&gt;%1&lt;/b&gt;. If the server wants a password, enter it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), never into TrackPlan&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords cannot be remembered on this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PlanCatalog</name>
    <message>
        <source>Only a draft demand of the app shown can take edits; %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a draft demand to work under first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PlanDiffModel</name>
    <message>
        <source>binding %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event, attribute or field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PlanFilterBar</name>
    <message>
        <source>All levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only events of this governance level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only events in this lifecycle status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only events reported on this platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only events of this category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All owners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only events of this owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only events with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only attributes of this type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only attributes of this privacy class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only attributes of this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only common attributes, or only the others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not common</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PlanPage</name>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an app on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events in %1 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attributes in %1 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attribute matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event to see its fields and attributes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an attribute to see its definition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events (%1 of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes (%1 of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To edit, choose a draft demand on the Demands page and click “Work under this demand”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new event in %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected event in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in %2 now; it joins the catalogue when the demand is merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change of %1 is in %2 (marked ✎ in the table).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an event or attribute to see its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by key, name, description or tag (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New attribute…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit attribute…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new attribute in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected attribute in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an attribute first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PolicyEditor</name>
    <message>
        <source>Policy per level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each governance level means for collection. Publishing compiles it into the routing rules the collection services follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who must approve a demand before it can merge, by what it changes. Every rule that applies must be met; a level change also needs a data steward&apos;s decision on the level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy shows what is saved again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rules show what is saved again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a rule first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 saved; the History tab lists the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not saved: someone else changed it meanwhile, and nothing was written over their change. The editor now shows what is stored; make your change again if it is still needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new policy applies to the next publication of &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the approval rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new rules apply to the demands of &lt;b&gt;%1&lt;/b&gt; from now on, those in review included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approval rules</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PolicyTableModel</name>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PublishDialog</name>
    <message>
        <source>Publish %1 to Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Publishes the plan of &lt;b&gt;%1&lt;/b&gt; (%2) to Redis for the collection services: the event schemas, a snapshot per version and the routing rules, then the version pointers in one step. Readers never see a half-written plan.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen and released versions. The newest checked version also becomes &lt;i&gt;current&lt;/i&gt;, for app versions that are not listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redis://host:port/db, with a user name for an ACL login. The password goes into the field below, never into the list of recent servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: none, or the one in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;member password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), never into TrackPlan&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Versions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists every key that a publish would add or change; writes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ublish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rollback…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restores the version pointers from before the last publish (one step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keys of a dry run or a publish are listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords cannot be remembered on this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — released %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — frozen %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no frozen or released version to publish. Freeze one on the Versions page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the URL of the Redis server, e.g. redis://127.0.0.1:6379/0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one version to publish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll %1 back to what was published before the last publish?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collection services switch back to the previous snapshots at once. Only one step back is possible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Dry run, nothing written to %1: %n key(s) would be added or changed (new schemas: %2, new snapshots: %3).</source>
        <translation>
            <numerusform>Dry run, nothing written to %1: %n key would be added or changed (new schemas: %2, new snapshots: %3).</numerusform>
            <numerusform>Dry run, nothing written to %1: %n keys would be added or changed (new schemas: %2, new snapshots: %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Published %1 to %2: %3; current %4. Schemas: %5 new, %6 there already. Snapshots: %7 new, %8 reused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already published as it is at %2: %3. Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled %1 back at %2: current %3; versions %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The publish history could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. The version pointers in Redis are unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::PublishService</name>
    <message>
        <source>Connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::QaChecklistModel</name>
    <message>
        <source>not yet seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seen, valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seen with violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n planned event(s) seen, %2 with violations</source>
        <translation>
            <numerusform>%1 of %n planned event seen, %2 with violations</numerusform>
            <numerusform>%1 of %n planned events seen, %2 with violations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) seen that are not planned</source>
        <translation>
            <numerusform>%n event seen that are not planned</numerusform>
            <numerusform>%n events seen that are not planned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed line(s)</source>
        <translation>
            <numerusform>%n malformed line</numerusform>
            <numerusform>%n malformed lines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) read</source>
        <translation>
            <numerusform>%n event read</numerusform>
            <numerusform>%n events read</numerusform>
        </translation>
    </message>
    <message>
        <source>QA report: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Violations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events seen that are not planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unplanned event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked (level A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an allowed value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unplanned attribute</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::QaPage</name>
    <message>
        <source>empty: none, or the one in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;member password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password goes into the system keychain, never into TrackPlan&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. qa-android-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ession:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All planned events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report as &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report as &amp;HTML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a version, a Redis server and the session the test device sends to, then Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current (newest released)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the versions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the session name the test device sends to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 on %2, checking against version %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save QA report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>version and its status</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::SaveChangeCommand</name>
    <message>
        <source>edit of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::SavingDialog</name>
    <message>
        <source>Not saved: %1
Your edits are still here; press OK to try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often TrackPlan looks for changes made by others (another window, another client of the shared store) and shows them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store used last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db and $TRACKPLAN_DB still choose the store when given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for &amp;changes by others every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Store at start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language shows when TrackPlan starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::StoreDialog</name>
    <message>
        <source>Open Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PostgreSQL server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent stores (double-click to open):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (file missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store opened yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/path/to/plan.sqlite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store in one file on this computer: for one person, or to try things out. Choose an existing file or type the name of a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team&apos;s shared store. Paste a URL or fill in the fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>db.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user name, if empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: from the system keychain, ~/.pgpass or PGPASSWORD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;member password in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), never into TrackPlan&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose or Create a Store File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TrackPlan stores (*.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PostgreSQL URL starts with postgresql://, e.g. postgresql://alice@db.example.com:5432/plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords cannot be remembered on this computer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a SQLite file, or type the name of a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a PostgreSQL URL: paste it on the PostgreSQL server tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder: choose a file in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the host name of the PostgreSQL server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the store in this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not exist yet: a new, empty store is created in it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::VersionListModel</name>
    <message>
        <source>%1 events, %2 attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::VersionsPage</name>
    <message>
        <source>The older side of the comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The newer side of the comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export QA checklist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changed events as a CSV checklist for testing the build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No app selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare %1 with %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 do not differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1 to %2: %3 event change(s), %4 attribute change(s), %5 binding change(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export QA checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign demands…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This app has no versions yet.&lt;br&gt;Create one with New version…, assign the demands it brings, freeze it for QA and release it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a version of this app, in planning (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an app first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a version first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a version first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the demands that version %1 brings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is %2: demands can only be assigned while it is in planning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the snapshot of the plan as merged now, for QA to test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a version in planning can be frozen; %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark version %1 as shipped; its snapshot stays as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze version %1 before releasing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is released already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a version to see the demands it brings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frozen %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>released %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demands (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None assigned yet: choose them with Assign demands…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No demand was assigned to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n demand(s) still open: the version can be frozen once they are merged, rejected or cancelled.</source>
        <translation>
            <numerusform>%n demand still open: the version can be frozen once they are merged, rejected or cancelled.</numerusform>
            <numerusform>%n demands still open: the version can be frozen once they are merged, rejected or cancelled.</numerusform>
        </translation>
    </message>
    <message>
        <source>Demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 created in planning. Assign the demands it brings, then freeze it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demands of version %1 did not change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Version %1 now brings %n demand(s).</source>
        <translation>
            <numerusform>Version %1 now brings %n demand.</numerusform>
            <numerusform>Version %1 now brings %n demands.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them still open: merge, reject or cancel them before freezing the version.</source>
        <translation>
            <numerusform>%n of them still open: merge, reject or cancel them before freezing the version.</numerusform>
            <numerusform>%n of them still open: merge, reject or cancel them before freezing the version.</numerusform>
        </translation>
    </message>
    <message>
        <source>Its snapshot is taken from the plan as merged now: that is what QA tests and what the version keeps. No demand can be assigned to it afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n assigned demand(s) still open: the freeze is refused until they are merged, rejected or cancelled.</source>
        <translation>
            <numerusform>%n assigned demand still open: the freeze is refused until they are merged, rejected or cancelled.</numerusform>
            <numerusform>%n assigned demands still open: the freeze is refused until they are merged, rejected or cancelled.</numerusform>
        </translation>
    </message>
    <message>
        <source>Freeze version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze version %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is frozen. Below: what changed since the version before it, the list QA tests. Release it when the app ships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release version %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A released version is final: its snapshot stays as it was frozen, for the apps that run it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is released.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::access</name>
    <message>
        <source>read the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create or edit demands and their changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comment on demands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve, reject or send back demands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve governance levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>merge demands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create, freeze or release versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish to Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the governance policy or approval rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>load metrics into the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create or edit apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manage users and roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import into the store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data steward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) may not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no TrackPlan role in this database; an admin gives one with `trackplanctl admin set-role`.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::app::Desktop</name>
    <message>
        <source>TrackPlan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the store %1. The store %2 stays open.

%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the store %1.

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password not remembered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was not remembered; the system keychain said: %1. TrackPlan asks for it again next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::audit</name>
    <message>
        <source>App created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand commented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed off as event owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand reopened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes saved in bulk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand assigned to version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand taken off version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval rules changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published to Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back in Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revisions written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Based on revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demands</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::conflicts</name>
    <message>
        <source>Type a JSON value (null for none).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON: %1 (at character %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type one JSON value, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::demo</name>
    <message>
        <source>The demo can have between 0 and %1 events, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store already holds data; demo data can only be generated into an empty store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo data complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating users and apps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: hand-made demands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: snapshot taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: saving %3 generated events (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: merging %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: merged %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo generation was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::fields</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Introduced in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deprecated in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enum values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Common</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::governance</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule %1: unknown condition &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1: unknown approver &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1 names no approver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core (D) events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaking schema changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal or sensitive attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data steward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A data steward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A data steward for events without owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event owner %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2: %3 → %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warehouse ODS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse events of this level at collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route events of this level to the quarantine topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send events of this level to the analytics tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the events of this level that is kept (0–100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load events of this level into the warehouse ODS layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send events of this level to the real-time stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch the health of events of this level and alert on problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sampling %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No setting changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::json</name>
    <message>
        <source>null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing field &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number or null</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected an integer between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown value &quot;%1&quot;; expected one of: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected %1 but found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid schema version &quot;%1&quot;; expected MODEL-REVISION-ADDITION such as 1-0-0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected end of input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected data after the JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a string key or &apos;}&apos; but found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;:&apos; after the key but found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;,&apos; or &apos;}&apos; but found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;,&apos; or &apos;]&apos; but found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trailing comma before &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a string key but found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comments are not allowed in JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nesting deeper than %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unterminated string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid \u escape: expected four hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid escape sequence \%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid UTF-8 byte sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control character U+%1 in a string; write it as an escape such as \n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leading zeros are not allowed in numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid number: expected a digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid number: expected a digit after &apos;.&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid number: expected a digit in the exponent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid literal; expected &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>short write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing field &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a non-negative integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a time such as 2026-03-01T08:00:00.000Z, found &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::labels</name>
    <message>
        <source>A · Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B · General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C · Important</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D · Core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid: no one needs it; rejected at collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General: one product team&apos;s analytics only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Important: used across teams; kept in the warehouse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Core: business-critical; warehouse, real-time stream and health alerts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Implementing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pseudonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P0 · Blocker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P1 · High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P2 · Normal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P3 · Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <comment>diff</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <comment>diff</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <comment>diff</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <extracomment>Separates the items of a list in running text: &quot;all changes; core (D) event: pay&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::lint</name>
    <message>
        <source>%1 has no description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 is not lower_snake_case: words are separated by single underscores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App %1 has no platform %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 (%2) conflicts with %3: the same name with different types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 is only bound by removed events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 is not bound by any event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 is required on %2 of %3 %4 events but only optional on %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 is required on %2 of %3 %4 events but not bound on %5.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::publish</name>
    <message>
        <source>Nothing to publish for %1: no version given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading what is published for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving the pointers of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run of %1 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to roll back for %1: %2 is empty (no publish since the last rollback).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot roll back %1: its previous snapshot %2 is no longer in Redis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no released version to publish; release one, or name a frozen version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of %2 is in planning; freeze it before publishing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The pointers were not moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 The connection broke during the pointer move: check %2 to see whether it happened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another client changed the pointers of %1 during this publish; nothing was moved. Publish again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis applied the pointer move of %1 only in part: %2. Run the publish again to complete it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish of %1 cancelled; the published pointers were not moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (while %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: writing snapshot %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refreshing the expiry of snapshot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: verifying snapshot %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: loading the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No plan for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: writing schemas (%2 of %3 events)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing schemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message>
        <source>writing snapshot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot %1 in Redis does not match what was written (checksum %2, meta %3, expected %4); the pointers were not moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot %1 in Redis does not match what was written (meta %2, expected %3); the pointers were not moved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::qa</name>
    <message>
        <source>new event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is sent, with its attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is no longer sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes (* required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::redis</name>
    <message>
        <source>Cannot connect to Redis at %1: out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1 did not accept the connection within %2 ms (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1 is unreachable: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1 requires a password: give it in the URL, redis://:PASSWORD@host:port or redis://USER:PASSWORD@host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1 did not answer in time while %2 (command timeout).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost the connection to Redis at %1 while %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1: %2 while %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1 is out of memory and refused a write (%2). Raise maxmemory or free memory, then publish again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1: authentication failed (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis at %1 answered with an error: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid Redis URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS (rediss://) is not supported by this build; use redis:// through a TLS tunnel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected redis://[user[:password]@]host[:port][/db], for example redis://127.0.0.1:6379/0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database must be a number, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>options after &apos;?&apos; or &apos;#&apos; are not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped waiting for Redis at %1: cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::rules</name>
    <message>
        <source>The key is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &quot;%1&quot; must start with a lower-case letter and contain only lower-case letters, digits and underscores (at most 64 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no display name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enum attribute %1 needs at least one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have enum values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enum value %1 of %2 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enum value &quot;%1&quot; of %2 is listed more than once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have a pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern of %1 is not a valid regular expression: %2 at offset %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have a minimum or maximum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bounds of %1 must be finite numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum of %1 (%2) is greater than its maximum (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The maximum length of %1 must be greater than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have a maximum length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 names no platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown platform &quot;%1&quot;; expected one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform %1 is listed more than once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binding %1 names no attribute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 is bound more than once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 is common to every event; binding it explicitly is redundant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 has a deprecation version but its status is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 is %2 but names no version it was deprecated in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1 is deprecated in %2, before it was introduced in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 is used more than once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 collides with %2: keys must be unique ignoring case and separators.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; of %2 is not a valid %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; of %2 is not a valid JSON array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1 of example &quot;%2&quot; of %3 is not a valid %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; is not one of the values of %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; does not match the pattern %2 of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example value %1 of %2 is below the minimum %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example value %1 of %2 is above the maximum %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Example &quot;%1&quot; of %2 is longer than %n character(s).</source>
        <translation>
            <numerusform>Example &quot;%1&quot; of %2 is longer than %n character.</numerusform>
            <numerusform>Example &quot;%1&quot; of %2 is longer than %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tp::schemachange</name>
    <message>
        <source>Minimum %1 added to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum %1 added to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum of %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum of %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum of %1 raised from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum of %1 lowered from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum of %1 raised from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum of %1 lowered from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enum values of %1 removed: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enum values of %1 added: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern %1 added to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern of %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern of %1 changed from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum length %1 added to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum length of %1 removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum length of %1 lowered from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum length of %1 raised from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 became required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 became optional.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The definition of attribute %1 is missing on one side of the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type of %1 changed from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event key changed from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute %1 was removed from the event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required attribute %1 was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional attribute %1 was added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::secrets</name>
    <message>
        <source>The system keychain did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tp::store</name>
    <message numerus="yes">
        <source>Attribute &quot;%1&quot; is still used by %n event(s): %2</source>
        <translation>
            <numerusform>Attribute &quot;%1&quot; is still used by %n event: %2</numerusform>
            <numerusform>Attribute &quot;%1&quot; is still used by %n events: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>The store has schema version %1, newer than this TrackPlan understands (%2). Please update TrackPlan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event &quot;%1&quot; binds unknown attribute &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No app with key &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid PostgreSQL URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No store given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No demand &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is %2; its changes can only be edited while it is a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key &quot;%1&quot; collides with &quot;%2&quot; (keys must be unique ignoring case and separators).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in the plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event &quot;%1&quot; is part of a released version and cannot be deleted; set its status to deprecated or removed instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 has no change to &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Qt PostgreSQL driver (QPSQL) is not installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert returned no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit without a transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction was rolled back by an inner failure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demand needs a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demand &quot;%1&quot; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version &quot;%1&quot; of &quot;%2&quot; does not exist or is no longer in planning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand &quot;%1&quot; was changed by someone else meanwhile. Reload it and apply your edit again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is %2; this action needs it to be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 has no changes yet; add or edit events or attributes under it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 was changed meanwhile; reload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is %2; only an approved demand can be merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 was changed meanwhile; reload it before merging.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 targets version %2, which is frozen; move the demand to a version in planning first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribute &quot;%1&quot; is still used by events and cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store %1 is not empty; import loads a whole store and needs an empty one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A native export is a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported format; expected &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown section &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export must start with &quot;$format&quot;: &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing &quot;$format&quot;: this is not a TrackPlan export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section &quot;%1&quot; must be an array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[%2] must be an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: duplicate %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown app &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown value &quot;%1&quot;; expected one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected the four levels A, B, C and D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>app key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>policy level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attribute key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown attribute &quot;%1&quot; of app &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demand key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1.state: must be null exactly when op is delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: duplicate change of %2 &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown demand &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be null exactly when op is delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revision %1 of %2 &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user name &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a frozen or released version needs its snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was changed by someone else meanwhile. Reload it and apply your edit again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App key &quot;%1&quot; must be lower case letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown platform &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An app with key &quot;%1&quot; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A policy needs exactly the four levels A, B, C and D.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sampling rate must lie between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The policy of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event &quot;%1&quot; in app &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attribute &quot;%1&quot; in app &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version name &quot;%1&quot; must look like 6.3.0 (numbers separated by dots).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of &quot;%2&quot; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No version %1 of &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is %2; demands can only be added while it is in planning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is already assigned to version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No demand %1 in app &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is not assigned to version %2 in planning.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 is %2; this action needs it to be %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 was changed meanwhile; reload it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 cannot be frozen while these demands are open: %2. Merge, reject or cancel them, or move them to another version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of &quot;%2&quot; has no snapshot yet; freeze it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown version &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building indexes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Redis target of a publish history entry must not contain a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resolved state of &quot;%1&quot; is not a valid %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is %2; conflicts are resolved when an approved demand is merged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; changed again in the plan (revision %2, the conflict showed %3). Merge again to see the new conflict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 does not change &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what should change: a request for changes needs a comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 cannot be merged yet:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approval rules of &quot;%1&quot; are damaged: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule &quot;%1&quot; names no approver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approval rules of &quot;%1&quot; were changed by someone else meanwhile. Reload them and apply your edit again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is settled; its levels cannot be decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 sets no new level for event &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n level(s) await a data steward&apos;s approval</source>
        <translation>
            <numerusform>%n level awaits a data steward&apos;s approval</numerusform>
            <numerusform>%n levels await a data steward&apos;s approval</numerusform>
        </translation>
    </message>
    <message>
        <source>User name &quot;%1&quot; must start with a lower-case letter or &apos;_&apos; and hold only lower-case letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos; (at most 63).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logins and passwords exist only on a PostgreSQL store; a SQLite store has one user at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user named &quot;%1&quot; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels rejected by a data steward (change them under the demand): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comment needs some text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demand %1 is not in review; there is nothing to sign off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No approval rule asks %1 to sign off demand %2; they own none of its events that need their owner&apos;s approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export %1: it is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the approval rules of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a governance history entry of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a publish history entry of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a rule needs at least one approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approval rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>governance history entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decision on level %1 of event &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a day such as 2026-03-01, found &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics of event &quot;%1&quot; on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not contain a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish history entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>names the change commented on: set exactly when kind is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demand %1 is in review round %2 only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has signed off demand %2 in this round already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent demand %2; an owner&apos;s approval is given by sending it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>trackplan</name>
    <message>
        <source>TrackPlan: manage an app&apos;s tracking plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: a SQLite file or postgresql://user@host:port/db (default: $TRACKPLAN_DB, else the store chosen in File → Settings: the one used last or the file in the user&apos;s data folder). A password in the URL is used, never remembered; without one it comes from the system keychain, ~/.pgpass or PGPASSWORD, else TrackPlan asks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UI language, e.g. zh_CN or en (default: the one chosen in File → Settings, else the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LANG</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>trackplanctl</name>
    <message>
        <source>Usage: trackplanctl [--db URL] [--json] COMMAND [ARGS…]

Manage a TrackPlan tracking plan from the command line.

Global options:
  --db URL            the store: a SQLite file path or postgresql://user[:pass]@host:port/db
                      (default: $TRACKPLAN_DB, else the file in your data folder)
  --json              machine-readable output
  --print-default-db  print the default SQLite store path and exit
  -h, --help          this help; COMMAND --help for a command&apos;s help
  --version           print the version

Commands:
  init                          create or upgrade the store schema
  demo [--events N] [--seed S]  fill an empty store with the demo plan
  export [-o FILE]              write the whole store as canonical JSON
  import FILE                   load a native JSON export into an empty store
  lint [--app KEY]              check the plan against the lint rules
  diff --app KEY FROM TO        compare two versions (or &quot;current&quot;)
  app list                      list apps
  demand list|show|submit|approve|reject|cancel|merge …
  version list|create|assign|freeze|release …

Exit codes: 0 ok, 1 findings or validation errors, 2 usage, 3 store or connection error.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trackplanctl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &apos;trackplanctl --help&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db needs a URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  app: %1   status: %2   priority: %3   owner: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  target versions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>  %n change(s):</source>
        <translation>
            <numerusform>  %n change:</numerusform>
            <numerusform>  %n changes:</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged %1: %2 revision(s) written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict: %1 %2 changed from revision %3 to %4 since this demand edited it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>    %1: theirs %2 | mine %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing was merged: %n conflict(s).</source>
        <translation>
            <numerusform>Nothing was merged: %n conflict.</numerusform>
            <numerusform>Nothing was merged: %n conflicts.</numerusform>
        </translation>
    </message>
    <message>
        <source>list: only demands of this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list: only demands in this status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demands (change sets) and their workflow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demand %1 needs exactly one demand KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown demand action &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lint only this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the merged plan against the lint rules. Exit 1 on errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No app with key &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app whose versions to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version name, or &quot;current&quot; for the plan as merged now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version name, or &quot;current&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show events, attributes and bindings added, changed or removed between two versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diff needs --app KEY FROM TO.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bindings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the apps of the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apps of the store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: trackplanctl app list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create the store, or upgrade its schema to the latest migration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store %1 is at schema version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale the plan to about N events (0 = the hand-made demo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the generator (same seed, same store).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill an empty store with a realistic freight-platform tracking plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--events and --seed need non-negative numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo plan written to %1: %2 apps, %3 events, %4 attributes, %5 bindings, %6 demands, %7 versions (%8 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write to FILE instead of standard output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the whole store as canonical native JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A native JSON export (&apos;-&apos; for standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a native JSON export into an empty store, all or nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import needs exactly one FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 rows: %2 apps, %3 events, %4 attributes, %5 demands, %6 versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list | create NAME | assign NAME DEMAND | freeze NAME | release NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create: a description.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions of an app: planning → frozen (snapshot) → released.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version needs --app KEY and an action (list, create, assign, freeze, release).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown version action &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong number of arguments for version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events, %2 attributes, sha256 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now targets %2 %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 is now %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Redis (docs/redis-contract.md):
  publish --redis URL --app KEY [--version V …] [--dry-run]
                                publish the plan for the collection services
  rollback --redis URL --app KEY
                                restore the pointers of before the last publish
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Redis server: redis://[user[:password]@]host[:port][/db] (default: $TRACKPLAN_REDIS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only list the keys that would be added or changed; write nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs --app KEY and --redis URL (or $TRACKPLAN_REDIS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A version to publish (repeatable; frozen or released). Default: every released version; the newest becomes current.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the plan of an app&apos;s versions to Redis for the collection services: schemas, snapshots and routing rules, then the version pointers in one transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Dry run, nothing written to %1: %n key(s) would be added or changed (new schemas: %2, new snapshots: %3).</source>
        <translation>
            <numerusform>Dry run, nothing written to %1: %n key would be added or changed (new schemas: %2, new snapshots: %3).</numerusform>
            <numerusform>Dry run, nothing written to %1: %n keys would be added or changed (new schemas: %2, new snapshots: %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is already published as it is at %2: %3. Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published %1 to %2: %3; current %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schemas: %1 new, %2 there already. Snapshots: %3 new, %4 reused. %5 Redis commands in %6 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the version pointers of an app in Redis to what they were before the last publish (one step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: a rollback of %1 would restore %2; current %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled %1 back at %2: %3; current %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Validation and live QA:
  validate [--redis URL] --app KEY [--valid-out F] [--invalid-out F] [--metrics-out F] [FILE|-]
                                check NDJSON events against the plan (from --db or --redis)
  replay FILE --redis URL --app KEY --session S [--rate N]
                                append a capture to the QA stream tp:{app}:debug:{session}
</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Validated %n line(s) of %1 in %2 s: %3 valid, %4 invalid, %5 malformed.</source>
        <translation>
            <numerusform>Validated %n line of %1 in %2 s: %3 valid, %4 invalid, %5 malformed.</numerusform>
            <numerusform>Validated %n lines of %1 in %2 s: %3 valid, %4 invalid, %5 malformed.</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1 event(s) of unknown app versions checked against current (%2): %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Violations by type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By event (total, valid, invalid):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>  … and %n more event(s) (--json lists all).</source>
        <translation>
            <numerusform>  … and %n more event (--json lists all).</numerusform>
            <numerusform>  … and %n more events (--json lists all).</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the published plan from Redis: redis://[user[:password]@]host[:port][/db]. Without it, the plan comes from the store (--db).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the valid events, tagged with level and route.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the quarantine: invalid events with their violations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write PV, UV and invalid per event per day as CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NDJSON events (default or &quot;-&quot;: standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check events (NDJSON) against the plan of their app version; exit 1 if any is invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validate needs --app KEY and at most one FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the plan of %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the plan of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validating %1 (%2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QA session (required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events per second (default: as fast as possible).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The capture: NDJSON events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Append a captured NDJSON file to the live QA stream tp:{app}:debug:{session}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replay needs FILE, --app KEY, --session S and --redis URL (or $TRACKPLAN_REDIS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--rate needs a number of events per second above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appending to %1: %2 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appended %1 event(s) to %2 at %3 in %4 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Governance and access (docs/access.md):
  demand review|comment|sign-off|request-changes KEY …
                                review before merge
  governance levels|approve|reject|policy|rules|history|distribution …
                                level approvals, the policy, the approval rules
  admin add-user NAME --role ROLE [--password-stdin] | list-users | set-role NAME --role ROLE
                                users and roles (PostgreSQL: logins and grants)
  whoami                        the acting user and what their role may do
  audit [--since T] [--user U] [--entity TYPE] [--action PREFIX]
                                the audit log; exit code 4: permission denied
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;; use one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add-user NAME --role ROLE | list-users | set-role NAME --role ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The role: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add-user: the name people read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add-user: read the login&apos;s password from standard input (PostgreSQL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add-user: register the user without a database login (PostgreSQL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users and roles (admins only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin list-users takes no arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin %1 needs exactly one user NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin %1 needs --role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>admin needs an action: add-user, list-users or set-role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login without TrackPlan role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-stdin sets a PostgreSQL login&apos;s password; this store has no logins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password on standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1 as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The acting user of the store and their role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a registered user: the owner of this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database login without a TrackPlan role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only entries at or after this time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only entries before this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only what this user did.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this entity type (demand, change, version, policy, user …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only actions starting with this (e.g. demand. or level.).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most the N newest entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log: who changed what, when.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a time; use e.g. 2026-11-01 or 2026-11-01T08:00:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--limit needs a positive number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 — round %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (by %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discussion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing missing for the merge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing for the merge: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--on &quot;%1&quot;: write event:KEY or attribute:KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment added to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list | show KEY | review KEY | submit KEY | approve KEY | request-changes KEY | reject KEY | reopen KEY | cancel KEY | merge KEY | comment KEY | sign-off KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comment recorded with the status change (comment: the text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comment: on one change of the demand, event:KEY or attribute:KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demand needs an action (list, show, review, submit, approve, request-changes, reject, reopen, cancel, merge, comment, sign-off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demand comment needs --comment TEXT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signed off %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No levels set under submitted demands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No level awaits a decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n level(s) approved.</source>
        <translation>
            <numerusform>%n level approved.</numerusform>
            <numerusform>%n levels approved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n level(s) rejected.</source>
        <translation>
            <numerusform>%n level rejected.</numerusform>
            <numerusform>%n levels rejected.</numerusform>
        </translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: write LEVEL.FIELD=VALUE, e.g. B.sampling_rate=0.2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: no policy field &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: %2 is true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: %2 is a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set &quot;%1&quot; is not a valid policy value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--set: a JSON list of rules such as [{&quot;when&quot;:&quot;core_event&quot;,&quot;approvers&quot;:[&quot;data_steward&quot;,&quot;event_owner&quot;]}]. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>levels | approve DEMAND [EVENT…] | reject DEMAND [EVENT…] | policy | rules | history | distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app (levels: all apps without it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>levels: decided ones too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comment kept with the decision or change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>policy: LEVEL.FIELD=VALUE (repeatable); rules: the new rules as JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Governance: level approvals, the policy and the approval rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>governance needs an action: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>governance %1 needs a DEMAND key (and optionally EVENT keys).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>governance %1 takes no further arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>governance %1 needs --app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why: governance reject needs --comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 sent the demand)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
