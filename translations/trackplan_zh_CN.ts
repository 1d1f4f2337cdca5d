<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>tp::AppListModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Platforms: %1</source>
        <translation>平台：%1</translation>
    </message>
</context>
<context>
    <name>tp::ApprovalRulesModel</name>
    <message>
        <source>%1 → nobody: choose at least one approver</source>
        <translation>%1 → 无人：请至少选择一个审批人</translation>
    </message>
    <message>
        <source>%1 must approve demands this rule applies to</source>
        <translation>适用此规则的需求须经%1批准</translation>
    </message>
    <message>
        <source>When a demand has</source>
        <translation>需求包含</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
</context>
<context>
    <name>tp::AssignDemandsDialog</name>
    <message>
        <source>Demands of version %1</source>
        <translation>版本 %1 的需求</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Other versions</source>
        <translation>其他版本</translation>
    </message>
    <message>
        <source>Open: the version can be frozen once it is merged, rejected or cancelled.</source>
        <translation>未结束：需求合并、驳回或取消后，版本才能冻结。</translation>
    </message>
    <message>
        <source>Check the demands that version %1 brings. Before it can be frozen, each of them must be merged, rejected or cancelled.</source>
        <translation>勾选版本 %1 包含的需求。冻结之前，每个需求都必须已合并、已驳回或已取消。</translation>
    </message>
    <message>
        <source>Filter by key, title or status</source>
        <translation>按键名、标题或状态筛选</translation>
    </message>
    <message>
        <source>This app has no demands yet. Create them on the Demands page.</source>
        <translation>该应用还没有需求。请在“需求”页创建。</translation>
    </message>
    <message numerus="yes">
        <source>%n demand(s) checked.</source>
        <translation>
            <numerusform>已勾选 %n 个需求。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them still open.</source>
        <translation>
            <numerusform>其中 %n 个尚未结束。</numerusform>
        </translation>
    </message>
    <message>
        <source>OK adds %1 and removes %2.</source>
        <translation>确定后将加入 %1，移除 %2。</translation>
    </message>
</context>
<context>
    <name>tp::AttributeEditorDialog</name>
    <message>
        <source>Carried by every event of the app</source>
        <translation>该应用的每个事件都携带</translation>
    </message>
    <message>
        <source>New attribute — %1</source>
        <translation>新建属性 — %1</translation>
    </message>
    <message>
        <source>Edit %1 — %2</source>
        <translation>编辑 %1 — %2</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签文字</translation>
    </message>
    <message>
        <source>Add value</source>
        <translation>添加值</translation>
    </message>
    <message>
        <source>Remove value</source>
        <translation>移除值</translation>
    </message>
    <message>
        <source>a regular expression the value must contain a match of</source>
        <translation>值中必须包含其匹配的正则表达式</translation>
    </message>
    <message>
        <source>try a value here</source>
        <translation>在此试一个值</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>标识(&amp;K)：</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>显示名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>Enum values:</source>
        <translation>枚举值：</translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation>格式(&amp;P)：</translation>
    </message>
    <message>
        <source>Test the pattern:</source>
        <translation>测试格式：</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Max &amp;length:</source>
        <translation>最大长度(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>单位(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Example:</source>
        <translation>示例(&amp;E)：</translation>
    </message>
    <message>
        <source>P&amp;rivacy:</source>
        <translation>隐私级别(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Groups:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <source>invalid pattern: %1</source>
        <translation>无效的格式：%1</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>does not match</source>
        <translation>不匹配</translation>
    </message>
    <message>
        <source>Another attribute of this app has the key &quot;%1&quot; (ignoring case and separators).</source>
        <translation>该应用的另一个属性已使用标识“%1”（忽略大小写和分隔符）。</translation>
    </message>
</context>
<context>
    <name>tp::AttributeTableModel</name>
    <message>
        <source>Common attribute: carried by every event of the app.</source>
        <translation>公共属性：该应用的每个事件都会携带。</translation>
    </message>
    <message>
        <source>Common</source>
        <translation>公共</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私级别</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用事件数</translation>
    </message>
</context>
<context>
    <name>tp::AuditLogModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间（UTC）</translation>
    </message>
    <message>
        <source>Cannot write the CSV file: %1</source>
        <translation>无法写入 CSV 文件：%1</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Entity type</source>
        <translation>对象类型</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>tp::AuditPage</name>
    <message>
        <source>any day</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Only what this user did</source>
        <translation>只看该用户的操作</translation>
    </message>
    <message>
        <source>Only this kind of action</source>
        <translation>只看这类操作</translation>
    </message>
    <message>
        <source>Only actions on this kind of thing</source>
        <translation>只看针对这类对象的操作</translation>
    </message>
    <message>
        <source>Only actions in this app</source>
        <translation>只看该应用内的操作</translation>
    </message>
    <message>
        <source>Entity key, e.g. DEM-0042</source>
        <translation>对象标识，如 DEM-0042</translation>
    </message>
    <message>
        <source>Only actions on the demand, version, event or user with exactly this key</source>
        <translation>只看标识完全相同的需求、版本、事件或用户上的操作</translation>
    </message>
    <message>
        <source>From this day on (your time zone)</source>
        <translation>从这一天起（本地时区）</translation>
    </message>
    <message>
        <source>Up to and including this day (your time zone)</source>
        <translation>截至这一天（含，本地时区）</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Write every entry the filters select to a CSV file</source>
        <translation>把筛选出的全部记录写入 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>The audit log has no entries yet.</source>
        <translation>审计日志中还没有记录。</translation>
    </message>
    <message>
        <source>No entry matches the filters.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>Cannot read more of the audit log: %1</source>
        <translation>无法继续读取审计日志：%1</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All entity types</source>
        <translation>全部对象类型</translation>
    </message>
    <message>
        <source>All apps</source>
        <translation>全部应用</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Cannot read the audit log: %1</source>
        <translation>无法读取审计日志：%1</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown; scroll for more</source>
        <translation>已显示 %1 / %2 条记录，向下滚动加载更多</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to see all it records.</source>
        <translation>选择一条记录以查看其全部内容。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>On</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>正在导出审计日志…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s) exported to %1.</source>
        <translation>
            <numerusform>已导出 %Ln 条记录到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>tp::CommentBox</name>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Add the comment to the discussion (%1)</source>
        <translation>将评论加入讨论（%1）</translation>
    </message>
</context>
<context>
    <name>tp::CommentDialog</name>
    <message>
        <source>&amp;Comment (kept with the history):</source>
        <translation>说明(&amp;C)（随历史记录保存）：</translation>
    </message>
    <message>
        <source>Say why: the comment is required here.</source>
        <translation>请说明原因：此处必须填写说明。</translation>
    </message>
</context>
<context>
    <name>tp::DemandActionBar</name>
    <message>
        <source>Submit for review</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Cancel demand…</source>
        <translation>取消需求…</translation>
    </message>
    <message>
        <source>Request changes…</source>
        <translation>要求修改…</translation>
    </message>
    <message>
        <source>New demand…</source>
        <translation>新建需求…</translation>
    </message>
    <message>
        <source>Sign off</source>
        <translation>负责人确认</translation>
    </message>
    <message>
        <source>Work under this demand</source>
        <translation>在此需求下工作</translation>
    </message>
    <message>
        <source>Choose an app first.</source>
        <translation>请先选择一个应用。</translation>
    </message>
    <message>
        <source>Start a demand for this app (%1)</source>
        <translation>为该应用新建一个需求（%1）</translation>
    </message>
    <message>
        <source>Select a demand first.</source>
        <translation>请先选择一个需求。</translation>
    </message>
    <message>
        <source>Only a draft demand takes edits.</source>
        <translation>只有草稿状态的需求才能接收编辑。</translation>
    </message>
    <message>
        <source>Edits already go into this demand.</source>
        <translation>编辑已在进入此需求。</translation>
    </message>
    <message>
        <source>Make new and changed events go into this demand&apos;s change set</source>
        <translation>让新建和修改的事件进入此需求的变更集</translation>
    </message>
    <message>
        <source>Needs a demand that is %1; this one is %2.</source>
        <translation>需要处于%1状态的需求；该需求为%2。</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>Missing approvals:</source>
        <translation>尚缺的审批：</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1或%2</translation>
    </message>
    <message>
        <source>No approval rule asks %1 to sign off this demand: they own none of its events that need their owner&apos;s approval.</source>
        <translation>没有审批规则要求 %1 确认此需求：其中需要负责人审批的事件都不归 %1 负责。</translation>
    </message>
    <message>
        <source>%1&apos;s approval is in already.</source>
        <translation>%1 已经审批过了。</translation>
    </message>
    <message>
        <source>Approve this demand as the owner of events it changes</source>
        <translation>以所改事件负责人的身份批准此需求</translation>
    </message>
    <message>
        <source>%1 sent this demand: that is their approval as the owner.</source>
        <translation>%1 提交了这个需求：提交即为其作为负责人的批准。</translation>
    </message>
</context>
<context>
    <name>tp::DemandHtml</name>
    <message>
        <source>on %1 %2</source>
        <translation>针对%1 %2</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Target versions</source>
        <translation>目标版本</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Merged.</source>
        <translation>已合并。</translation>
    </message>
    <message>
        <source>Every approval is in.</source>
        <translation>审批已全部完成。</translation>
    </message>
    <message>
        <source>Its changes need no approval yet.</source>
        <translation>其变更暂时无需审批。</translation>
    </message>
    <message numerus="yes">
        <source>Missing before it can be merged: %n approval(s).</source>
        <translation>
            <numerusform>合并前还缺 %n 项审批。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Once submitted it needs %n approval(s).</source>
        <translation>
            <numerusform>提交后需要 %n 项审批。</numerusform>
        </translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>由 %1 批准</translation>
    </message>
    <message>
        <source>Level of %1: %2 → %3</source>
        <translation>%1 的等级：%2 → %3</translation>
    </message>
    <message>
        <source>Level of new event %1: %2</source>
        <translation>新事件 %1 的等级：%2</translation>
    </message>
    <message>
        <source>awaits a data steward (Governance page)</source>
        <translation>等待数据治理员审批（治理页面）</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Discussion (%1)</source>
        <translation>讨论（%1）</translation>
    </message>
    <message>
        <source>No comments yet.</source>
        <translation>还没有评论。</translation>
    </message>
    <message>
        <source>Before review</source>
        <translation>评审之前</translation>
    </message>
    <message>
        <source>Round %1 (current)</source>
        <translation>第 %1 轮（当前）</translation>
    </message>
    <message>
        <source>Round %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No field differs.</source>
        <translation>没有字段不同。</translation>
    </message>
    <message>
        <source>%1 sent the demand</source>
        <translation>由 %1 本人提交</translation>
    </message>
</context>
<context>
    <name>tp::DemandListModel</name>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Target versions</source>
        <translation>目标版本</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>tp::DemandReviewPanel</name>
    <message>
        <source>Comment on the demand…</source>
        <translation>评论此需求…</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>评审</translation>
    </message>
    <message>
        <source>Comment on the chosen change…</source>
        <translation>评论所选变更…</translation>
    </message>
    <message>
        <source>C&amp;omment on:</source>
        <translation>评论对象(&amp;O)：</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Select a demand to see its review and its change set.</source>
        <translation>选择一个需求以查看其评审和变更集。</translation>
    </message>
    <message>
        <source>Select a demand to see its change set.</source>
        <translation>选择一个需求以查看其变更集。</translation>
    </message>
    <message>
        <source>The review cannot be read: %1</source>
        <translation>无法读取评审：%1</translation>
    </message>
    <message numerus="yes">
        <source>Review (%n missing)</source>
        <translation>
            <numerusform>评审（缺 %n 项）</numerusform>
        </translation>
    </message>
    <message>
        <source>The change set cannot be read: %1</source>
        <translation>无法读取变更集：%1</translation>
    </message>
    <message>
        <source>Changes (%1)</source>
        <translation>变更（%1）</translation>
    </message>
    <message>
        <source>No changes yet.</source>
        <translation>还没有变更。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2 (%n comment(s))</source>
        <translation>
            <numerusform>%1 %2（%n 条评论）</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a demand first.</source>
        <translation>请先选择一个需求。</translation>
    </message>
    <message>
        <source>This demand has no changes to comment on.</source>
        <translation>此需求没有可评论的变更。</translation>
    </message>
    <message>
        <source>Choose the change to comment on.</source>
        <translation>请选择要评论的变更。</translation>
    </message>
</context>
<context>
    <name>tp::DemandsPage</name>
    <message>
        <source>Show only demands in this status</source>
        <translation>只显示处于该状态的需求</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Filter by key or title</source>
        <translation>按编号或标题筛选</translation>
    </message>
    <message>
        <source>This app has no demands yet.&lt;br&gt;A demand collects the changes to events and attributes that one product need brings.</source>
        <translation>该应用还没有需求。&lt;br&gt;一个需求汇集了某个产品需求带来的事件和属性变更。</translation>
    </message>
    <message>
        <source>No demand matches the filter.</source>
        <translation>没有符合筛选条件的需求。</translation>
    </message>
    <message>
        <source>%1 created as a draft. Add its changes, then submit it for review.</source>
        <translation>%1 已创建为草稿。请添加其变更，然后提交评审。</translation>
    </message>
    <message>
        <source>Why? (kept with the demand&apos;s history)</source>
        <translation>原因？（记录在需求的历史中）</translation>
    </message>
    <message>
        <source>%1 was not merged: %2</source>
        <translation>%1 未合并：%2</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现在为%2。</translation>
    </message>
    <message>
        <source>Edits on the Events page now go into %1.</source>
        <translation>事件页上的编辑现在会进入 %1。</translation>
    </message>
    <message>
        <source>What should change? (the owner reads it in the discussion)</source>
        <translation>需要修改什么？（负责人会在讨论中看到）</translation>
    </message>
    <message>
        <source>%1 signed %2 off as the owner of its events.</source>
        <translation>%1 已以事件负责人的身份确认 %2。</translation>
    </message>
    <message numerus="yes">
        <source>%1 was not merged: %n conflict(s) with changes made since. Nothing changed.</source>
        <translation>
            <numerusform>%1 未合并：与此后的修改有 %n 处冲突。没有任何改动。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 merged: %n revision(s) written; the plan shows them now.</source>
        <translation>
            <numerusform>%1 已合并：写入 %n 个修订；方案中现已可见。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tp::DetailView</name>
    <message>
        <source>Trigger</source>
        <translation>触发时机</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>Schema 版本</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>修订号</translation>
    </message>
    <message>
        <source>Introduced in</source>
        <translation>引入版本</translation>
    </message>
    <message>
        <source>Deprecated in</source>
        <translation>废弃版本</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>This event binds no attributes besides the common ones.</source>
        <translation>除公共属性外，该事件未绑定任何属性。</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>是否必填</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>unknown attribute</source>
        <translation>未知属性</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>min %1</source>
        <translation>最小值 %1</translation>
    </message>
    <message>
        <source>max %1</source>
        <translation>最大值 %1</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Common: carried by every event</source>
        <translation>公共：每个事件都携带</translation>
    </message>
    <message>
        <source>Event attribute</source>
        <translation>事件属性</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私级别</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>格式（正则）</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>取值范围</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Used by</source>
        <translation>使用它的事件</translation>
    </message>
    <message>
        <source>Attributes (%1)</source>
        <translation>属性（%1）</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Also carries the common attributes:</source>
        <translation>另携带公共属性：</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>等另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>The history cannot be read: %1</source>
        <translation>无法读取历史：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n revision(s)</source>
        <translation>
            <numerusform>%1 — %n 个修订</numerusform>
        </translation>
    </message>
    <message>
        <source>no demand</source>
        <translation>无需求</translation>
    </message>
    <message>
        <source>Revision %1</source>
        <translation>修订 %1</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
</context>
<context>
    <name>tp::EventEditorDialog</name>
    <message>
        <source>New event — %1</source>
        <translation>新建事件 — %1</translation>
    </message>
    <message>
        <source>Edit %1 — %2</source>
        <translation>编辑 %1 — %2</translation>
    </message>
    <message>
        <source>lower_snake_case: a–z, 0–9 and _, starting with a letter, at most 64 characters</source>
        <translation>小写下划线格式：a–z、0–9 和 _，以字母开头，最多 64 个字符</translation>
    </message>
    <message>
        <source>The key of an event does not change.</source>
        <translation>事件的标识不可更改。</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>标识(&amp;K)：</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>显示名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Trigger:</source>
        <translation>触发时机(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>分类(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>等级(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Platforms:</source>
        <translation>平台(&amp;P)：</translation>
    </message>
    <message>
        <source>T&amp;ags:</source>
        <translation>标签(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Introduced in:</source>
        <translation>引入版本(&amp;I)：</translation>
    </message>
    <message>
        <source>Another event of this app has the key &quot;%1&quot; (ignoring case and separators).</source>
        <translation>该应用的另一个事件已使用标识“%1”（忽略大小写和分隔符）。</translation>
    </message>
    <message>
        <source>Attributes, in the order they are reported</source>
        <translation>属性（按上报顺序）</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>是否必填</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Type part of a key or display name</source>
        <translation>输入标识或显示名称的一部分</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
</context>
<context>
    <name>tp::EventTableModel</name>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Schema version MODEL-REVISION-ADDITION, raised by every merged change</source>
        <translation>Schema 版本 MODEL-REVISION-ADDITION，每次合并变更后自动递增</translation>
    </message>
    <message>
        <source>Number of attributes bound to the event (common attributes not counted)</source>
        <translation>事件绑定的属性个数（不含公共属性）</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
</context>
<context>
    <name>tp::GovernanceHistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>tp::GovernancePage</name>
    <message>
        <source>Waiting for a decision</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>All decisions</source>
        <translation>全部审批记录</translation>
    </message>
    <message>
        <source>Show only the level changes that wait for a data steward, or every decision too</source>
        <translation>只显示等待数据治理员审批的等级变更，或同时显示已审批的</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Cannot read the level changes: %1</source>
        <translation>无法读取等级变更：%1</translation>
    </message>
    <message>
        <source>No events in the merged plan of this app yet.</source>
        <translation>该应用已合并的方案中还没有事件。</translation>
    </message>
    <message>
        <source>The policy and the approval rules of this app have not been changed yet.</source>
        <translation>该应用的治理策略和审批规则还没有修改过。</translation>
    </message>
    <message>
        <source>Cannot read the governance of %1: %2</source>
        <translation>无法读取 %1 的治理信息：%2</translation>
    </message>
    <message>
        <source>Level approvals (%1)</source>
        <translation>等级审批（%1）</translation>
    </message>
    <message>
        <source>Level approvals</source>
        <translation>等级审批</translation>
    </message>
    <message>
        <source>Level distribution</source>
        <translation>等级分布</translation>
    </message>
    <message>
        <source>Policy and rules</source>
        <translation>策略与规则</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>No level change waits for a decision.&lt;br&gt;Levels that submitted demands of this app set or change show up here for a data steward.</source>
        <translation>没有待审批的等级变更。&lt;br&gt;该应用已提交的需求所设定或修改的等级会出现在这里，由数据治理员审批。</translation>
    </message>
    <message>
        <source>No demand of this app has set or changed a level yet.</source>
        <translation>该应用还没有需求设定或修改过等级。</translation>
    </message>
    <message>
        <source>Select level changes that wait for a decision first.</source>
        <translation>请先选择待审批的等级变更。</translation>
    </message>
    <message numerus="yes">
        <source>Decide %Ln selected level change(s)</source>
        <translation>
            <numerusform>审批选中的 %Ln 项等级变更</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;li&gt;&lt;code&gt;%1&lt;/code&gt; %2: %3 (%4)&lt;/li&gt;</source>
        <translation>&lt;li&gt;&lt;code&gt;%1&lt;/code&gt; %2：%3（%4）&lt;/li&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Approve these %Ln level change(s)?</source>
        <translation>
            <numerusform>批准这 %Ln 项等级变更？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject these %Ln level change(s)? The demands cannot merge until their owners propose levels that are approved.</source>
        <translation>
            <numerusform>驳回这 %Ln 项等级变更？在负责人提出获批的等级之前，这些需求无法合并。</numerusform>
        </translation>
    </message>
    <message>
        <source>Approve levels</source>
        <translation>批准等级</translation>
    </message>
    <message>
        <source>Reject levels</source>
        <translation>驳回等级</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message numerus="yes">
        <source>%Ln level change(s) approved.</source>
        <translation>
            <numerusform>已批准 %Ln 项等级变更。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln level change(s) rejected.</source>
        <translation>
            <numerusform>已驳回 %Ln 项等级变更。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tp::LevelChart</name>
    <message>
        <source>Events</source>
        <translation>事件数</translation>
    </message>
    <message>
        <source>No events in the merged plan yet: nothing to count.</source>
        <translation>已合并的方案中还没有事件，无可统计。</translation>
    </message>
</context>
<context>
    <name>tp::LevelDistributionModel</name>
    <message>
        <source>(no category)</source>
        <translation>（无分类）</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 of %3 event(s) (%4 %)</source>
        <translation>
            <numerusform>%1：%3 个事件中的 %2 个（%4 %）</numerusform>
        </translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
</context>
<context>
    <name>tp::LevelRequestModel</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Level change</source>
        <translation>等级变更</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Demand title</source>
        <translation>需求标题</translation>
    </message>
    <message>
        <source>Demand status</source>
        <translation>需求状态</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>tp::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TrackPlan</source>
        <translation>关于 TrackPlan(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>存储库：%1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <source>TrackPlan</source>
        <translation>TrackPlan</translation>
    </message>
    <message>
        <source>%1 — TrackPlan</source>
        <translation>%1 — TrackPlan</translation>
    </message>
    <message>
        <source>%1: %2 · %3</source>
        <translation>%1：%2 · %3</translation>
    </message>
    <message>
        <source>About TrackPlan</source>
        <translation>关于 TrackPlan</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TrackPlan %1&lt;/h3&gt;&lt;p&gt;Manage an app company&apos;s tracking plan: the events the apps report, their attributes, the demands that change them and the versions that release them.&lt;/p&gt;&lt;p&gt;Store: %2&lt;br&gt;User: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TrackPlan %1&lt;/h3&gt;&lt;p&gt;管理应用公司的埋点方案：应用上报的事件、事件的属性、变更它们的需求以及发布它们的版本。&lt;/p&gt;&lt;p&gt;存储库：%2&lt;br&gt;用户：%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot read the apps of the store.</source>
        <translation>无法读取存储库中的应用。</translation>
    </message>
    <message>
        <source>Loading the plan of %1…</source>
        <translation>正在加载 %1 的埋点方案…</translation>
    </message>
    <message>
        <source>Cannot load the plan of %1.</source>
        <translation>无法加载 %1 的埋点方案。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln 个事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln attribute(s)</source>
        <translation>
            <numerusform>%Ln 个属性</numerusform>
        </translation>
    </message>
    <message>
        <source>Demands</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Events &amp;&amp; attributes</source>
        <translation>事件和属性</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Stop working under it</source>
        <translation>停止在此需求下工作</translation>
    </message>
    <message>
        <source>✎ Working under &lt;b&gt;%1&lt;/b&gt; %2 — new and changed events go into its change set.</source>
        <translation>✎ 正在需求 &lt;b&gt;%1&lt;/b&gt; %2 下工作 — 新建和修改的事件会进入其变更集。</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>The new language shows when TrackPlan starts again.</source>
        <translation>新的语言将在 TrackPlan 下次启动时生效。</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>打开存储库(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent &amp;stores</source>
        <translation>最近的存储库(&amp;S)</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>设置(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>No recent stores</source>
        <translation>没有最近的存储库</translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No apps in this store yet&lt;/h3&gt;&lt;p&gt;Run &lt;code&gt;trackplanctl --db %1 demo&lt;/code&gt; to fill it with a demo plan, or &lt;code&gt;trackplanctl --db %1 import FILE&lt;/code&gt; to load an export, then choose &lt;b&gt;File → Reload&lt;/b&gt;. &lt;b&gt;File → Open store…&lt;/b&gt; opens another store.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;此存储库中还没有应用&lt;/h3&gt;&lt;p&gt;运行 &lt;code&gt;trackplanctl --db %1 demo&lt;/code&gt; 生成演示方案，或运行 &lt;code&gt;trackplanctl --db %1 import 文件&lt;/code&gt; 载入导出文件，然后选择&lt;b&gt;文件 → 重新加载&lt;/b&gt;。&lt;b&gt;文件 → 打开存储库…&lt;/b&gt;可打开其他存储库。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The store answers again; what changed meanwhile is loaded.</source>
        <translation>存储库已恢复响应；期间的变更已重新加载。</translation>
    </message>
    <message>
        <source>The store does not answer (%1). What you see may be out of date, and saving waits until it answers again; an open editor keeps what you typed. TrackPlan keeps trying.</source>
        <translation>存储库没有响应（%1）。当前显示的内容可能已过时，保存要等到它恢复响应；已打开的编辑器会保留您输入的内容。TrackPlan 会持续重试。</translation>
    </message>
    <message>
        <source>&amp;Publish to Redis…</source>
        <translation>推送到 Redis(&amp;P)…</translation>
    </message>
    <message>
        <source>Publish the current app&apos;s versions to Redis for the collection services</source>
        <translation>将当前应用的版本推送到 Redis，供采集服务使用</translation>
    </message>
    <message>
        <source>QA</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>User: %1 · %2</source>
        <translation>用户：%1 · %2</translation>
    </message>
    <message>
        <source>%1 is a registered user of this store with the role %2.</source>
        <translation>%1 是此存储库的注册用户，角色为%2。</translation>
    </message>
    <message>
        <source>%1 is logged in to the PostgreSQL server, which gives the login the role %2 and enforces it.</source>
        <translation>%1 已登录 PostgreSQL 服务器，服务器赋予该登录名“%2”角色并强制执行其权限。</translation>
    </message>
    <message>
        <source>User: %1 · owner of this SQLite file (%2)</source>
        <translation>用户：%1 · 此 SQLite 文件的所有者（%2）</translation>
    </message>
    <message>
        <source>%1 is not a registered user of this SQLite file and so acts as its owner, with every right of an admin. Set TRACKPLAN_USER to act as a registered user.</source>
        <translation>%1 不是此 SQLite 文件的注册用户，因此以文件所有者身份操作，拥有管理员的全部权限。设置 TRACKPLAN_USER 即可以某个注册用户的身份操作。</translation>
    </message>
    <message>
        <source>User: %1 · no TrackPlan role</source>
        <translation>用户：%1 · 无 TrackPlan 角色</translation>
    </message>
    <message>
        <source>The login %1 has no TrackPlan role on this PostgreSQL server: it may read and change nothing. An admin gives it one (trackplanctl admin set-role).</source>
        <translation>登录名 %1 在此 PostgreSQL 服务器上没有 TrackPlan 角色：既不能读取也不能修改任何内容。请管理员为其分配角色（trackplanctl admin set-role）。</translation>
    </message>
    <message>
        <source>Governance</source>
        <translation>治理</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
</context>
<context>
    <name>tp::MergeConflictDialog</name>
    <message>
        <source>%1 was not merged</source>
        <translation>%1 未合并</translation>
    </message>
    <message>
        <source>Event or attribute</source>
        <translation>事件或属性</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Base (rev. the demand started from)</source>
        <translation>基准（需求开始时的修订）</translation>
    </message>
    <message>
        <source>Theirs (in the plan now)</source>
        <translation>他人（方案中的当前值）</translation>
    </message>
    <message>
        <source>Mine (in the demand)</source>
        <translation>我的（需求中的值）</translation>
    </message>
    <message>
        <source>%1 %2 (rev. %3 → %4)</source>
        <translation>%1 %2（修订 %3 → %4）</translation>
    </message>
    <message>
        <source>These events or attributes changed in the plan after the demand edited them; nothing was merged. Choose for each field which value the demand takes — keep mine, take theirs, or edit it — then apply: the demand is brought up to date and merged again. Fields in bold were changed on both sides; where only the plan changed a field, theirs is chosen already.</source>
        <translation>这些事件或属性在需求编辑之后又在方案中被修改；本次没有合并任何内容。请为每个字段选择需求采用的值——保留我的、采用他人的或手动编辑——然后应用：需求会据此更新并再次合并。粗体字段是双方都修改过的；只有方案修改过的字段已默认采用他人的值。</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Apply and merge</source>
        <translation>应用并合并</translation>
    </message>
    <message>
        <source>Store these values in the demand&apos;s change set and merge it again</source>
        <translation>将这些值写入需求的变更集并再次合并</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用他人的</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>(removed in the plan)</source>
        <translation>（已从方案中移除）</translation>
    </message>
    <message>
        <source>(removed by the demand)</source>
        <translation>（由需求移除）</translation>
    </message>
    <message>
        <source>(changed)</source>
        <translation>（已修改）</translation>
    </message>
    <message>
        <source>The whole %1</source>
        <translation>整个%1</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>（新增）</translation>
    </message>
    <message>
        <source>(existed)</source>
        <translation>（已存在）</translation>
    </message>
    <message>
        <source>Both the plan and the demand changed it.</source>
        <translation>方案和需求都修改了它。</translation>
    </message>
    <message>
        <source>Only the plan changed it since the demand started.</source>
        <translation>需求开始之后只有方案修改了它。</translation>
    </message>
    <message>
        <source>Only the demand changed it.</source>
        <translation>只有需求修改了它。</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>（已移除）</translation>
    </message>
    <message>
        <source>Select a row to see the value it resolves to.</source>
        <translation>选择一行以查看它最终采用的值。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 的%1</translation>
    </message>
    <message>
        <source>choose Edit to change it</source>
        <translation>选择“编辑”可修改</translation>
    </message>
    <message>
        <source>edited as text</source>
        <translation>按文本编辑</translation>
    </message>
    <message>
        <source>edited as JSON</source>
        <translation>按 JSON 编辑</translation>
    </message>
    <message>
        <source>&amp;Value of %1 after the merge (%2):</source>
        <translation>合并后 %1 的值（%2）(&amp;V)：</translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%2 的%1：%3</translation>
    </message>
    <message>
        <source>%1 would not be valid: %2</source>
        <translation>%1 将不合法：%2</translation>
    </message>
</context>
<context>
    <name>tp::NewDemandDialog</name>
    <message>
        <source>New demand</source>
        <translation>新建需求</translation>
    </message>
    <message>
        <source>What the product needs, in a few words</source>
        <translation>用几句话说明产品需要什么</translation>
    </message>
    <message>
        <source>https://… (ticket or document)</source>
        <translation>https://…（工单或文档）</translation>
    </message>
    <message>
        <source>No version yet</source>
        <translation>暂不指定版本</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>负责人(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>优先级(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Link:</source>
        <translation>链接(&amp;L)：</translation>
    </message>
    <message>
        <source>Target &amp;version:</source>
        <translation>目标版本(&amp;V)：</translation>
    </message>
    <message>
        <source>A demand needs a title.</source>
        <translation>需求必须有标题。</translation>
    </message>
</context>
<context>
    <name>tp::NewVersionDialog</name>
    <message>
        <source>New version</source>
        <translation>新建版本</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <source>What this release brings (optional)</source>
        <translation>此版本带来的内容（可选）</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>The version starts in planning: assign the demands it brings, freeze it to take the snapshot that QA tests, then release it.</source>
        <translation>版本从“规划中”开始：分配它包含的需求，冻结以生成供测试的快照，然后发布。</translation>
    </message>
    <message>
        <source>A version needs a name: its version number, such as %1.</source>
        <translation>版本需要一个名称：即版本号，例如 %1。</translation>
    </message>
    <message>
        <source>“%1” is not a version number: use numbers separated by dots, such as %2.</source>
        <translation>“%1”不是版本号：请使用以点分隔的数字，例如 %2。</translation>
    </message>
    <message>
        <source>Version %1 exists already.</source>
        <translation>版本 %1 已存在。</translation>
    </message>
    <message>
        <source>%1 is the same version number as %2, which exists already.</source>
        <translation>%1 与已存在的 %2 是同一个版本号。</translation>
    </message>
    <message>
        <source>Version %1 will be created in planning.</source>
        <translation>将以“规划中”状态创建版本 %1。</translation>
    </message>
</context>
<context>
    <name>tp::PasswordDialog</name>
    <message>
        <source>Re&amp;member password in the system keychain</source>
        <translation>在系统钥匙串中记住密码(&amp;M)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>&lt;p&gt;TrackPlan could not open &lt;b&gt;%1&lt;/b&gt;. If the server wants a password, enter it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;TrackPlan 无法打开 &lt;b&gt;%1&lt;/b&gt;。如果服务器需要密码，请输入。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), never into TrackPlan&apos;s settings.</source>
        <translation>密码保存在系统钥匙串中（Secret Service：GNOME Keyring、KWallet），绝不写入 TrackPlan 的设置。</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Passwords cannot be remembered on this computer: %1</source>
        <translation>此计算机无法记住密码：%1</translation>
    </message>
</context>
<context>
    <name>tp::PlanCatalog</name>
    <message>
        <source>Only a draft demand of the app shown can take edits; %1 is %2.</source>
        <translation>只有当前应用的草稿需求才能接收编辑；%1 为%2。</translation>
    </message>
    <message>
        <source>Choose a draft demand to work under first.</source>
        <translation>请先选择一个草稿需求并在其下工作。</translation>
    </message>
</context>
<context>
    <name>tp::PlanDiffModel</name>
    <message>
        <source>binding %1</source>
        <translation>绑定 %1</translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <translation>事件（%1）</translation>
    </message>
    <message>
        <source>Attributes (%1)</source>
        <translation>属性（%1）</translation>
    </message>
    <message>
        <source>Event, attribute or field</source>
        <translation>事件、属性或字段</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
</context>
<context>
    <name>tp::PlanFilterBar</name>
    <message>
        <source>All levels</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Show only events of this governance level</source>
        <translation>只显示该治理等级的事件</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Show only events in this lifecycle status</source>
        <translation>只显示处于该生命周期状态的事件</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Show only events reported on this platform</source>
        <translation>只显示在该平台上报的事件</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Show only events of this category</source>
        <translation>只显示该分类的事件</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>全部负责人</translation>
    </message>
    <message>
        <source>Show only events of this owner</source>
        <translation>只显示该负责人的事件</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Show only events with this tag</source>
        <translation>只显示带有该标签的事件</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Show only attributes of this type</source>
        <translation>只显示该类型的属性</translation>
    </message>
    <message>
        <source>Any privacy</source>
        <translation>全部隐私级别</translation>
    </message>
    <message>
        <source>Show only attributes of this privacy class</source>
        <translation>只显示该隐私级别的属性</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部分组</translation>
    </message>
    <message>
        <source>Show only attributes of this group</source>
        <translation>只显示该分组的属性</translation>
    </message>
    <message>
        <source>Common or not</source>
        <translation>公共与否</translation>
    </message>
    <message>
        <source>Show only common attributes, or only the others</source>
        <translation>只显示公共属性，或只显示非公共属性</translation>
    </message>
    <message>
        <source>Common only</source>
        <translation>仅公共</translation>
    </message>
    <message>
        <source>Not common</source>
        <translation>非公共</translation>
    </message>
</context>
<context>
    <name>tp::PlanPage</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Select an app on the left.</source>
        <translation>请在左侧选择一个应用。</translation>
    </message>
    <message>
        <source>No events in %1 yet.</source>
        <translation>%1 还没有事件。</translation>
    </message>
    <message>
        <source>No attributes in %1 yet.</source>
        <translation>%1 还没有属性。</translation>
    </message>
    <message>
        <source>No event matches “%1”.</source>
        <translation>没有与“%1”匹配的事件。</translation>
    </message>
    <message>
        <source>No attribute matches “%1”.</source>
        <translation>没有与“%1”匹配的属性。</translation>
    </message>
    <message>
        <source>Select an event to see its fields and attributes.</source>
        <translation>选择一个事件以查看其字段和属性。</translation>
    </message>
    <message>
        <source>Select an attribute to see its definition.</source>
        <translation>选择一个属性以查看其定义。</translation>
    </message>
    <message>
        <source>Events (%1 of %2)</source>
        <translation>事件（%1 / %2）</translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <translation>事件（%1）</translation>
    </message>
    <message>
        <source>Attributes (%1 of %2)</source>
        <translation>属性（%1 / %2）</translation>
    </message>
    <message>
        <source>Attributes (%1)</source>
        <translation>属性（%1）</translation>
    </message>
    <message>
        <source>New event…</source>
        <translation>新建事件…</translation>
    </message>
    <message>
        <source>Edit event…</source>
        <translation>编辑事件…</translation>
    </message>
    <message>
        <source>To edit, choose a draft demand on the Demands page and click “Work under this demand”.</source>
        <translation>如需编辑，请在需求页选择一个草稿需求并点击“在此需求下工作”。</translation>
    </message>
    <message>
        <source>A new event in %1 (%2)</source>
        <translation>在 %1 中新建事件（%2）</translation>
    </message>
    <message>
        <source>Change the selected event in %1</source>
        <translation>在 %1 中修改所选事件</translation>
    </message>
    <message>
        <source>Select an event first.</source>
        <translation>请先选择一个事件。</translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation>%1 未保存：%2</translation>
    </message>
    <message>
        <source>%1 is in %2 now; it joins the catalogue when the demand is merged.</source>
        <translation>%1 已进入 %2；需求合并后会出现在事件目录中。</translation>
    </message>
    <message>
        <source>The change of %1 is in %2 (marked ✎ in the table).</source>
        <translation>%1 的修改已进入 %2（表格中以 ✎ 标记）。</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Select an event or attribute to see its history.</source>
        <translation>选择一个事件或属性以查看其历史。</translation>
    </message>
    <message>
        <source>Filter by key, name, description or tag (%1)</source>
        <translation>按标识、名称、描述或标签筛选（%1）</translation>
    </message>
    <message>
        <source>New attribute…</source>
        <translation>新建属性…</translation>
    </message>
    <message>
        <source>Edit attribute…</source>
        <translation>编辑属性…</translation>
    </message>
    <message>
        <source>A new attribute in %1</source>
        <translation>在 %1 中新建属性</translation>
    </message>
    <message>
        <source>Change the selected attribute in %1</source>
        <translation>在 %1 中修改所选属性</translation>
    </message>
    <message>
        <source>Select an attribute first.</source>
        <translation>请先选择一个属性。</translation>
    </message>
</context>
<context>
    <name>tp::PolicyEditor</name>
    <message>
        <source>Policy per level</source>
        <translation>各等级策略</translation>
    </message>
    <message>
        <source>What each governance level means for collection. Publishing compiles it into the routing rules the collection services follow.</source>
        <translation>各治理等级在采集时的处理方式。推送时会编译为采集服务遵循的路由规则。</translation>
    </message>
    <message>
        <source>Save policy…</source>
        <translation>保存策略…</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation>审批规则</translation>
    </message>
    <message>
        <source>Who must approve a demand before it can merge, by what it changes. Every rule that applies must be met; a level change also needs a data steward&apos;s decision on the level.</source>
        <translation>按需求的变更内容，规定合并前必须由谁批准。所有适用的规则都须满足；等级变更另需数据治理员审批该等级。</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Save rules…</source>
        <translation>保存规则…</translation>
    </message>
    <message>
        <source>The policy shows what is saved again.</source>
        <translation>策略已恢复为保存的内容。</translation>
    </message>
    <message>
        <source>The rules show what is saved again.</source>
        <translation>规则已恢复为保存的内容。</translation>
    </message>
    <message>
        <source>Read only: %1</source>
        <translation>只读：%1</translation>
    </message>
    <message>
        <source>Nothing changed yet.</source>
        <translation>尚未修改。</translation>
    </message>
    <message>
        <source>Select a rule first.</source>
        <translation>请先选择一条规则。</translation>
    </message>
    <message>
        <source>%1 saved; the History tab lists the change.</source>
        <translation>%1已保存；“历史”页列出了这次修改。</translation>
    </message>
    <message>
        <source>%1 not saved: someone else changed it meanwhile, and nothing was written over their change. The editor now shows what is stored; make your change again if it is still needed.</source>
        <translation>%1未保存：其他人在此期间做了修改，你的修改没有覆盖对方。编辑器现在显示的是已保存的内容；如仍需要，请重新修改。</translation>
    </message>
    <message>
        <source>Save the policy</source>
        <translation>保存策略</translation>
    </message>
    <message>
        <source>The new policy applies to the next publication of &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>新策略将在 &lt;b&gt;%1&lt;/b&gt; 下次推送时生效。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Save the approval rules</source>
        <translation>保存审批规则</translation>
    </message>
    <message>
        <source>The new rules apply to the demands of &lt;b&gt;%1&lt;/b&gt; from now on, those in review included.</source>
        <translation>新规则从现在起适用于 &lt;b&gt;%1&lt;/b&gt; 的需求，包括评审中的需求。</translation>
    </message>
    <message>
        <source>The approval rules</source>
        <translation>审批规则</translation>
    </message>
</context>
<context>
    <name>tp::PolicyTableModel</name>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
</context>
<context>
    <name>tp::PublishDialog</name>
    <message>
        <source>Publish %1 to Redis</source>
        <translation>将 %1 推送到 Redis</translation>
    </message>
    <message>
        <source>&lt;p&gt;Publishes the plan of &lt;b&gt;%1&lt;/b&gt; (%2) to Redis for the collection services: the event schemas, a snapshot per version and the routing rules, then the version pointers in one step. Readers never see a half-written plan.&lt;/p&gt;</source>
        <translation>&lt;p&gt;将 &lt;b&gt;%1&lt;/b&gt;（%2）的方案推送到 Redis 供采集服务使用：事件 Schema、每个版本一个快照和路由规则，然后一步移动版本指针。读取方永远不会看到写了一半的方案。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Publish</source>
        <translation>推送(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Frozen and released versions. The newest checked version also becomes &lt;i&gt;current&lt;/i&gt;, for app versions that are not listed.</source>
        <translation>已冻结和已发布的版本。勾选的最新版本同时成为 &lt;i&gt;current&lt;/i&gt;，供未列出的应用版本使用。</translation>
    </message>
    <message>
        <source>redis://host:port/db, with a user name for an ACL login. The password goes into the field below, never into the list of recent servers.</source>
        <translation>redis://主机:端口/数据库，ACL 登录时带上用户名。密码填在下面的字段中，绝不会进入最近服务器列表。</translation>
    </message>
    <message>
        <source>empty: none, or the one in the system keychain</source>
        <translation>为空：无密码，或使用系统钥匙串中的密码</translation>
    </message>
    <message>
        <source>Re&amp;member password in the system keychain</source>
        <translation>在系统钥匙串中记住密码(&amp;M)</translation>
    </message>
    <message>
        <source>The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), never into TrackPlan&apos;s settings.</source>
        <translation>密码保存在系统钥匙串中（Secret Service：GNOME Keyring、KWallet），绝不写入 TrackPlan 的设置。</translation>
    </message>
    <message>
        <source>&amp;Versions:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>Redis &amp;URL:</source>
        <translation>Redis &amp;URL：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Dry run</source>
        <translation>试运行(&amp;D)</translation>
    </message>
    <message>
        <source>Lists every key that a publish would add or change; writes nothing.</source>
        <translation>列出推送将新增或修改的每个键；不写入任何内容。</translation>
    </message>
    <message>
        <source>P&amp;ublish</source>
        <translation>推送(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Rollback…</source>
        <translation>回滚(&amp;R)…</translation>
    </message>
    <message>
        <source>Restores the version pointers from before the last publish (one step).</source>
        <translation>将版本指针恢复到上次推送之前的状态（一步）。</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>The keys of a dry run or a publish are listed here.</source>
        <translation>试运行或推送涉及的键会列在这里。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Passwords cannot be remembered on this computer: %1</source>
        <translation>此计算机无法记住密码：%1</translation>
    </message>
    <message>
        <source>%1 — released %2</source>
        <translation>%1 — 发布于 %2</translation>
    </message>
    <message>
        <source>%1 — frozen %2</source>
        <translation>%1 — 冻结于 %2</translation>
    </message>
    <message>
        <source>%1 has no frozen or released version to publish. Freeze one on the Versions page first.</source>
        <translation>%1 没有可推送的已冻结或已发布版本。请先在“版本”页冻结一个版本。</translation>
    </message>
    <message>
        <source>rollback</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>publish</source>
        <translation>推送</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Enter the URL of the Redis server, e.g. redis://127.0.0.1:6379/0.</source>
        <translation>请输入 Redis 服务器的 URL，例如 redis://127.0.0.1:6379/0。</translation>
    </message>
    <message>
        <source>Check at least one version to publish.</source>
        <translation>请至少勾选一个要推送的版本。</translation>
    </message>
    <message>
        <source>Rollback</source>
        <translation>回滚</translation>
    </message>
    <message>
        <source>Roll %1 back to what was published before the last publish?</source>
        <translation>将 %1 回滚到上次推送之前的内容？</translation>
    </message>
    <message>
        <source>Collection services switch back to the previous snapshots at once. Only one step back is possible.</source>
        <translation>采集服务会立即切换回之前的快照。只能回退一步。</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message numerus="yes">
        <source>Dry run, nothing written to %1: %n key(s) would be added or changed (new schemas: %2, new snapshots: %3).</source>
        <translation>
            <numerusform>试运行，没有写入 %1：将新增或修改 %n 个键（新 Schema：%2，新快照：%3）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Published %1 to %2: %3; current %4. Schemas: %5 new, %6 there already. Snapshots: %7 new, %8 reused.</source>
        <translation>已将 %1 推送到 %2：%3；当前 %4。Schema：新增 %5 个，已存在 %6 个。快照：新增 %7 个，复用 %8 个。</translation>
    </message>
    <message>
        <source>%1 is already published as it is at %2: %3. Nothing changed.</source>
        <translation>%1 已按当前内容推送于 %2：%3。没有任何变化。</translation>
    </message>
    <message>
        <source>Rolled %1 back at %2: current %3; versions %4.</source>
        <translation>已在 %2 回滚 %1：当前 %3；版本 %4。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The publish history could not be written: %1</source>
        <translation>无法写入推送历史：%1</translation>
    </message>
    <message>
        <source>Cancelled. The version pointers in Redis are unchanged.</source>
        <translation>已取消。Redis 中的版本指针没有变化。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>tp::PublishService</name>
    <message>
        <source>Connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>tp::QaChecklistModel</name>
    <message>
        <source>not yet seen</source>
        <translation>尚未出现</translation>
    </message>
    <message>
        <source>seen, valid</source>
        <translation>已出现，有效</translation>
    </message>
    <message>
        <source>seen with violations</source>
        <translation>已出现，有违规</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n planned event(s) seen, %2 with violations</source>
        <translation>
            <numerusform>计划中的 %n 个事件已出现 %1 个，%2 个有违规</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) seen that are not planned</source>
        <translation>
            <numerusform>出现了 %n 个不在方案中的事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed line(s)</source>
        <translation>
            <numerusform>%n 行格式错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) read</source>
        <translation>
            <numerusform>已读取 %n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>QA report: %1 %2</source>
        <translation>测试报告：%1 %2</translation>
    </message>
    <message>
        <source>Session: %1 · %2</source>
        <translation>会话：%1 · %2</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>出现次数</translation>
    </message>
    <message>
        <source>With violations</source>
        <translation>有违规次数</translation>
    </message>
    <message>
        <source>Violations</source>
        <translation>违规</translation>
    </message>
    <message>
        <source>Events seen that are not planned</source>
        <translation>出现但不在方案中的事件</translation>
    </message>
    <message>
        <source>Malformed</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>Unplanned event</source>
        <translation>不在方案中的事件</translation>
    </message>
    <message>
        <source>Blocked (level A)</source>
        <translation>被拦截（A 级）</translation>
    </message>
    <message>
        <source>Missing required</source>
        <translation>缺少必填属性</translation>
    </message>
    <message>
        <source>Wrong type</source>
        <translation>类型错误</translation>
    </message>
    <message>
        <source>Not an allowed value</source>
        <translation>不是允许的取值</translation>
    </message>
    <message>
        <source>Pattern mismatch</source>
        <translation>格式不匹配</translation>
    </message>
    <message>
        <source>Out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <source>Unplanned attribute</source>
        <translation>不在方案中的属性</translation>
    </message>
</context>
<context>
    <name>tp::QaPage</name>
    <message>
        <source>empty: none, or the one in the system keychain</source>
        <translation>为空：无密码，或使用系统钥匙串中的密码</translation>
    </message>
    <message>
        <source>Re&amp;member password</source>
        <translation>记住密码(&amp;M)</translation>
    </message>
    <message>
        <source>The password goes into the system keychain, never into TrackPlan&apos;s settings.</source>
        <translation>密码保存在系统钥匙串中，绝不写入 TrackPlan 的设置。</translation>
    </message>
    <message>
        <source>e.g. qa-android-1</source>
        <translation>例如 qa-android-1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>S&amp;ession:</source>
        <translation>会话(&amp;E)：</translation>
    </message>
    <message>
        <source>All planned events</source>
        <translation>全部计划事件</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Save report as &amp;CSV…</source>
        <translation>将报告保存为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Save report as &amp;HTML…</source>
        <translation>将报告保存为 &amp;HTML…</translation>
    </message>
    <message>
        <source>Choose a version, a Redis server and the session the test device sends to, then Start.</source>
        <translation>选择版本、Redis 服务器和测试设备发送到的会话，然后点击“开始”。</translation>
    </message>
    <message>
        <source>The system keychain cannot be used: %1</source>
        <translation>无法使用系统钥匙串：%1</translation>
    </message>
    <message>
        <source>current (newest released)</source>
        <translation>current（最新发布）</translation>
    </message>
    <message>
        <source>Cannot list the versions: %1</source>
        <translation>无法列出版本：%1</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Enter the session name the test device sends to.</source>
        <translation>请输入测试设备发送到的会话名称。</translation>
    </message>
    <message>
        <source>Loading the plan…</source>
        <translation>正在加载方案…</translation>
    </message>
    <message>
        <source>Reading %1 on %2, checking against version %3…</source>
        <translation>正在读取 %2 上的 %1，按版本 %3 校验…</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <source>Stopped. %1</source>
        <translation>已停止。%1</translation>
    </message>
    <message>
        <source>Save QA report</source>
        <translation>保存测试报告</translation>
    </message>
    <message>
        <source>HTML files (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Report saved to %1.</source>
        <translation>报告已保存到 %1。</translation>
    </message>
    <message>
        <source>Redis URL:</source>
        <translation>Redis URL：</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>version and its status</comment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>tp::SaveChangeCommand</name>
    <message>
        <source>edit of %1</source>
        <translation>对 %1 的编辑</translation>
    </message>
    <message>
        <source>change of %1</source>
        <translation>对 %1 的修改</translation>
    </message>
</context>
<context>
    <name>tp::SavingDialog</name>
    <message>
        <source>Not saved: %1
Your edits are still here; press OK to try again.</source>
        <translation>未保存：%1
您的编辑仍在；按“确定”重试。</translation>
    </message>
</context>
<context>
    <name>tp::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How often TrackPlan looks for changes made by others (another window, another client of the shared store) and shows them.</source>
        <translation>TrackPlan 多久检查一次他人（另一个窗口、共享存储库的另一个客户端）所做的变更并显示出来。</translation>
    </message>
    <message>
        <source>The store used last</source>
        <translation>上次使用的存储库</translation>
    </message>
    <message>
        <source>The default file (%1)</source>
        <translation>默认文件（%1）</translation>
    </message>
    <message>
        <source>--db and $TRACKPLAN_DB still choose the store when given.</source>
        <translation>给出 --db 或 $TRACKPLAN_DB 时，仍以它们指定的存储库为准。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Look for &amp;changes by others every:</source>
        <translation>检查他人变更的间隔(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Store at start:</source>
        <translation>启动时打开的存储库(&amp;S)：</translation>
    </message>
    <message>
        <source>The new language shows when TrackPlan starts again.</source>
        <translation>新的语言将在 TrackPlan 下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>tp::StoreDialog</name>
    <message>
        <source>Open Store</source>
        <translation>打开存储库</translation>
    </message>
    <message>
        <source>&amp;SQLite file</source>
        <translation>SQLite 文件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;PostgreSQL server</source>
        <translation>PostgreSQL 服务器(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Recent stores (double-click to open):</source>
        <translation>最近的存储库（双击打开）(&amp;R)：</translation>
    </message>
    <message>
        <source>%1 (file missing)</source>
        <translation>%1（文件不存在）</translation>
    </message>
    <message>
        <source>No store opened yet.</source>
        <translation>还没有打开过存储库。</translation>
    </message>
    <message>
        <source>/path/to/plan.sqlite</source>
        <translation>/path/to/plan.sqlite</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>A store in one file on this computer: for one person, or to try things out. Choose an existing file or type the name of a new one.</source>
        <translation>保存在本机一个文件中的存储库：供一个人使用，或用来试用。选择已有文件，或输入新文件的名称。</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>The team&apos;s shared store. Paste a URL or fill in the fields.</source>
        <translation>团队共享的存储库。粘贴 URL 或填写各字段。</translation>
    </message>
    <message>
        <source>db.example.com</source>
        <translation>db.example.com</translation>
    </message>
    <message>
        <source>the user name, if empty</source>
        <translation>为空时与用户名相同</translation>
    </message>
    <message>
        <source>empty: from the system keychain, ~/.pgpass or PGPASSWORD</source>
        <translation>为空：从系统钥匙串、~/.pgpass 或 PGPASSWORD 获取</translation>
    </message>
    <message>
        <source>Re&amp;member password in the system keychain</source>
        <translation>在系统钥匙串中记住密码(&amp;M)</translation>
    </message>
    <message>
        <source>The password goes into the system keychain (Secret Service: GNOME Keyring, KWallet), never into TrackPlan&apos;s settings.</source>
        <translation>密码保存在系统钥匙串中（Secret Service：GNOME Keyring、KWallet），绝不写入 TrackPlan 的设置。</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>U&amp;ser:</source>
        <translation>用户(&amp;S)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Choose or Create a Store File</source>
        <translation>选择或创建存储库文件</translation>
    </message>
    <message>
        <source>TrackPlan stores (*.sqlite *.db);;All files (*)</source>
        <translation>TrackPlan 存储库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A PostgreSQL URL starts with postgresql://, e.g. postgresql://alice@db.example.com:5432/plan.</source>
        <translation>PostgreSQL URL 以 postgresql:// 开头，例如 postgresql://alice@db.example.com:5432/plan。</translation>
    </message>
    <message>
        <source>Passwords cannot be remembered on this computer: %1</source>
        <translation>此计算机无法记住密码：%1</translation>
    </message>
    <message>
        <source>Choose a SQLite file, or type the name of a new one.</source>
        <translation>请选择一个 SQLite 文件，或输入新文件的名称。</translation>
    </message>
    <message>
        <source>This is a PostgreSQL URL: paste it on the PostgreSQL server tab.</source>
        <translation>这是一个 PostgreSQL URL：请粘贴到“PostgreSQL 服务器”页。</translation>
    </message>
    <message>
        <source>%1 is a folder: choose a file in it.</source>
        <translation>%1 是一个文件夹：请选择其中的文件。</translation>
    </message>
    <message>
        <source>Enter the host name of the PostgreSQL server.</source>
        <translation>请输入 PostgreSQL 服务器的主机名。</translation>
    </message>
    <message>
        <source>“%1” is not a host name.</source>
        <translation>“%1”不是主机名。</translation>
    </message>
    <message>
        <source>Opens the store in this file.</source>
        <translation>打开此文件中的存储库。</translation>
    </message>
    <message>
        <source>The file does not exist yet: a new, empty store is created in it.</source>
        <translation>该文件尚不存在：将在其中创建一个新的空存储库。</translation>
    </message>
</context>
<context>
    <name>tp::VersionListModel</name>
    <message>
        <source>%1 events, %2 attributes</source>
        <translation>%1 个事件，%2 个属性</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Demands</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已发布</translation>
    </message>
</context>
<context>
    <name>tp::VersionsPage</name>
    <message>
        <source>The older side of the comparison</source>
        <translation>比较中较旧的一方</translation>
    </message>
    <message>
        <source>The newer side of the comparison</source>
        <translation>比较中较新的一方</translation>
    </message>
    <message>
        <source>All changes</source>
        <translation>全部变化</translation>
    </message>
    <message>
        <source>Filter by key</source>
        <translation>按标识筛选</translation>
    </message>
    <message>
        <source>Export QA checklist…</source>
        <translation>导出测试清单…</translation>
    </message>
    <message>
        <source>Save the changed events as a CSV checklist for testing the build</source>
        <translation>把有变化的事件保存为 CSV 清单，用于测试构建包</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Current plan</source>
        <translation>当前方案</translation>
    </message>
    <message>
        <source>No app selected.</source>
        <translation>未选择应用。</translation>
    </message>
    <message>
        <source>Cannot compare %1 with %2: %3</source>
        <translation>无法比较 %1 与 %2：%3</translation>
    </message>
    <message>
        <source>%1 and %2 do not differ.</source>
        <translation>%1 与 %2 没有差异。</translation>
    </message>
    <message>
        <source>From %1 to %2: %3 event change(s), %4 attribute change(s), %5 binding change(s).</source>
        <translation>从 %1 到 %2：%3 处事件变化，%4 处属性变化，%5 处绑定变化。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export QA checklist</source>
        <translation>导出测试清单</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>New version…</source>
        <translation>新建版本…</translation>
    </message>
    <message>
        <source>Assign demands…</source>
        <translation>分配需求…</translation>
    </message>
    <message>
        <source>Freeze…</source>
        <translation>冻结…</translation>
    </message>
    <message>
        <source>Release…</source>
        <translation>发布…</translation>
    </message>
    <message>
        <source>This app has no versions yet.&lt;br&gt;Create one with New version…, assign the demands it brings, freeze it for QA and release it.</source>
        <translation>该应用还没有版本。&lt;br&gt;用“新建版本…”创建一个，分配它包含的需求，冻结以供测试，然后发布。</translation>
    </message>
    <message>
        <source>Start a version of this app, in planning (%1)</source>
        <translation>为该应用开始一个版本，状态为规划中（%1）</translation>
    </message>
    <message>
        <source>Select an app first.</source>
        <translation>请先选择一个应用。</translation>
    </message>
    <message>
        <source>Create a version first.</source>
        <translation>请先创建一个版本。</translation>
    </message>
    <message>
        <source>Select a version first.</source>
        <translation>请先选择一个版本。</translation>
    </message>
    <message>
        <source>Choose the demands that version %1 brings</source>
        <translation>选择版本 %1 包含的需求</translation>
    </message>
    <message>
        <source>Version %1 is %2: demands can only be assigned while it is in planning.</source>
        <translation>版本 %1 的状态为 %2：只有规划中的版本才能分配需求。</translation>
    </message>
    <message>
        <source>Take the snapshot of the plan as merged now, for QA to test</source>
        <translation>为当前已合并的方案生成快照，供测试使用</translation>
    </message>
    <message>
        <source>Only a version in planning can be frozen; %1 is %2.</source>
        <translation>只有规划中的版本才能冻结；%1 的状态为 %2。</translation>
    </message>
    <message>
        <source>Mark version %1 as shipped; its snapshot stays as it is</source>
        <translation>将版本 %1 标记为已上线；其快照保持不变</translation>
    </message>
    <message>
        <source>Freeze version %1 before releasing it.</source>
        <translation>发布版本 %1 之前请先冻结它。</translation>
    </message>
    <message>
        <source>Version %1 is released already.</source>
        <translation>版本 %1 已经发布。</translation>
    </message>
    <message>
        <source>Select a version to see the demands it brings.</source>
        <translation>选择一个版本以查看它包含的需求。</translation>
    </message>
    <message>
        <source>created %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <source>frozen %1</source>
        <translation>冻结于 %1</translation>
    </message>
    <message>
        <source>released %1</source>
        <translation>发布于 %1</translation>
    </message>
    <message>
        <source>snapshot of %1</source>
        <translation>%1 的快照</translation>
    </message>
    <message>
        <source>Demands (%1)</source>
        <translation>需求（%1）</translation>
    </message>
    <message>
        <source>None assigned yet: choose them with Assign demands…</source>
        <translation>尚未分配：请用“分配需求…”选择</translation>
    </message>
    <message>
        <source>No demand was assigned to it.</source>
        <translation>没有为它分配需求。</translation>
    </message>
    <message numerus="yes">
        <source>%n demand(s) still open: the version can be frozen once they are merged, rejected or cancelled.</source>
        <translation>
            <numerusform>%n 个需求尚未结束：这些需求合并、驳回或取消后，版本才能冻结。</numerusform>
        </translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Version %1 created in planning. Assign the demands it brings, then freeze it.</source>
        <translation>已创建规划中的版本 %1。请分配它包含的需求，然后冻结。</translation>
    </message>
    <message>
        <source>The demands of version %1 did not change.</source>
        <translation>版本 %1 的需求没有变化。</translation>
    </message>
    <message numerus="yes">
        <source>Version %1 now brings %n demand(s).</source>
        <translation>
            <numerusform>版本 %1 现在包含 %n 个需求。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them still open: merge, reject or cancel them before freezing the version.</source>
        <translation>
            <numerusform>其中 %n 个尚未结束：冻结版本前请合并、驳回或取消它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>Its snapshot is taken from the plan as merged now: that is what QA tests and what the version keeps. No demand can be assigned to it afterwards.</source>
        <translation>它的快照取自当前已合并的方案：这就是测试所验证、版本所保留的内容。冻结后不能再为它分配需求。</translation>
    </message>
    <message numerus="yes">
        <source>%n assigned demand(s) still open: the freeze is refused until they are merged, rejected or cancelled.</source>
        <translation>
            <numerusform>%n 个已分配的需求尚未结束：在它们合并、驳回或取消之前，冻结会被拒绝。</numerusform>
        </translation>
    </message>
    <message>
        <source>Freeze version</source>
        <translation>冻结版本</translation>
    </message>
    <message>
        <source>Freeze version %1?</source>
        <translation>冻结版本 %1？</translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <source>Version %1 is frozen. Below: what changed since the version before it, the list QA tests. Release it when the app ships.</source>
        <translation>版本 %1 已冻结。下方是相对上一个版本的变化，即测试要验证的清单。应用上线后请发布它。</translation>
    </message>
    <message>
        <source>Release version</source>
        <translation>发布版本</translation>
    </message>
    <message>
        <source>Release version %1?</source>
        <translation>发布版本 %1？</translation>
    </message>
    <message>
        <source>A released version is final: its snapshot stays as it was frozen, for the apps that run it.</source>
        <translation>发布后的版本即为最终版本：其快照保持冻结时的样子，供运行该版本的应用使用。</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>Version %1 is released.</source>
        <translation>版本 %1 已发布。</translation>
    </message>
</context>
<context>
    <name>tp::access</name>
    <message>
        <source>read the plan</source>
        <translation>查看埋点方案</translation>
    </message>
    <message>
        <source>create or edit demands and their changes</source>
        <translation>创建或编辑需求及其变更</translation>
    </message>
    <message>
        <source>comment on demands</source>
        <translation>评论需求</translation>
    </message>
    <message>
        <source>approve, reject or send back demands</source>
        <translation>批准、驳回或退回需求</translation>
    </message>
    <message>
        <source>approve governance levels</source>
        <translation>审批治理等级</translation>
    </message>
    <message>
        <source>merge demands</source>
        <translation>合并需求</translation>
    </message>
    <message>
        <source>create, freeze or release versions</source>
        <translation>创建、冻结或发布版本</translation>
    </message>
    <message>
        <source>publish to Redis</source>
        <translation>发布到 Redis</translation>
    </message>
    <message>
        <source>change the governance policy or approval rules</source>
        <translation>修改治理策略或审批规则</translation>
    </message>
    <message>
        <source>load metrics into the store</source>
        <translation>向存储写入指标</translation>
    </message>
    <message>
        <source>create or edit apps</source>
        <translation>创建或编辑应用</translation>
    </message>
    <message>
        <source>manage users and roles</source>
        <translation>管理用户和角色</translation>
    </message>
    <message>
        <source>import into the store</source>
        <translation>向存储导入数据</translation>
    </message>
    <message>
        <source>Product owner</source>
        <translation>产品负责人</translation>
    </message>
    <message>
        <source>Data steward</source>
        <translation>数据治理员</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>数据分析师</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>%1 (%2) may not %3.</source>
        <translation>%1（%2）无权%3。</translation>
    </message>
    <message>
        <source>%1 has no TrackPlan role in this database; an admin gives one with `trackplanctl admin set-role`.</source>
        <translation>%1 在此数据库中没有 TrackPlan 角色；请管理员用 `trackplanctl admin set-role` 分配角色。</translation>
    </message>
</context>
<context>
    <name>tp::app::Desktop</name>
    <message>
        <source>TrackPlan</source>
        <translation>TrackPlan</translation>
    </message>
    <message>
        <source>Cannot open the store %1. The store %2 stays open.

%3</source>
        <translation>无法打开存储库 %1。存储库 %2 保持打开。

%3</translation>
    </message>
    <message>
        <source>Cannot open the store %1.

%2</source>
        <translation>无法打开存储库 %1。

%2</translation>
    </message>
    <message>
        <source>Password not remembered</source>
        <translation>密码未记住</translation>
    </message>
    <message>
        <source>The password was not remembered; the system keychain said: %1. TrackPlan asks for it again next time.</source>
        <translation>密码没有被记住；系统钥匙串返回：%1。下次 TrackPlan 会再次询问。</translation>
    </message>
</context>
<context>
    <name>tp::audit</name>
    <message>
        <source>App created</source>
        <translation>创建应用</translation>
    </message>
    <message>
        <source>App changed</source>
        <translation>修改应用</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>修改角色</translation>
    </message>
    <message>
        <source>Demand created</source>
        <translation>创建需求</translation>
    </message>
    <message>
        <source>Demand edited</source>
        <translation>编辑需求</translation>
    </message>
    <message>
        <source>Demand submitted</source>
        <translation>提交评审</translation>
    </message>
    <message>
        <source>Demand commented</source>
        <translation>评论需求</translation>
    </message>
    <message>
        <source>Signed off as event owner</source>
        <translation>事件负责人确认</translation>
    </message>
    <message>
        <source>Demand approved</source>
        <translation>批准需求</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <source>Demand rejected</source>
        <translation>驳回需求</translation>
    </message>
    <message>
        <source>Demand reopened</source>
        <translation>重新打开需求</translation>
    </message>
    <message>
        <source>Demand cancelled</source>
        <translation>取消需求</translation>
    </message>
    <message>
        <source>Demand merged</source>
        <translation>合并需求</translation>
    </message>
    <message>
        <source>Change saved</source>
        <translation>保存变更</translation>
    </message>
    <message>
        <source>Changes saved in bulk</source>
        <translation>批量保存变更</translation>
    </message>
    <message>
        <source>Change discarded</source>
        <translation>放弃变更</translation>
    </message>
    <message>
        <source>Conflict resolved</source>
        <translation>解决冲突</translation>
    </message>
    <message>
        <source>Level approved</source>
        <translation>批准等级</translation>
    </message>
    <message>
        <source>Level rejected</source>
        <translation>驳回等级</translation>
    </message>
    <message>
        <source>Version created</source>
        <translation>创建版本</translation>
    </message>
    <message>
        <source>Demand assigned to version</source>
        <translation>需求加入版本</translation>
    </message>
    <message>
        <source>Demand taken off version</source>
        <translation>需求移出版本</translation>
    </message>
    <message>
        <source>Version frozen</source>
        <translation>冻结版本</translation>
    </message>
    <message>
        <source>Version released</source>
        <translation>发布版本</translation>
    </message>
    <message>
        <source>Policy changed</source>
        <translation>修改策略</translation>
    </message>
    <message>
        <source>Approval rules changed</source>
        <translation>修改审批规则</translation>
    </message>
    <message>
        <source>Published to Redis</source>
        <translation>推送到 Redis</translation>
    </message>
    <message>
        <source>Rolled back in Redis</source>
        <translation>在 Redis 中回滚</translation>
    </message>
    <message>
        <source>Metrics loaded</source>
        <translation>导入指标</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation>审批规则</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>推送</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Review round</source>
        <translation>评审轮次</translation>
    </message>
    <message>
        <source>On</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Database login</source>
        <translation>数据库登录</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更数</translation>
    </message>
    <message>
        <source>Revisions written</source>
        <translation>写入修订数</translation>
    </message>
    <message>
        <source>Plan sequence</source>
        <translation>方案序号</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>Based on revision</source>
        <translation>基于修订</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>change</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>removal</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>As</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Demands</source>
        <translation>需求</translation>
    </message>
</context>
<context>
    <name>tp::conflicts</name>
    <message>
        <source>Type a JSON value (null for none).</source>
        <translation>请输入一个 JSON 值（没有值时填 null）。</translation>
    </message>
    <message>
        <source>Not valid JSON: %1 (at character %2).</source>
        <translation>不是合法的 JSON：%1（第 %2 个字符处）。</translation>
    </message>
    <message>
        <source>Type one JSON value, not %1.</source>
        <translation>请只输入一个 JSON 值，而不是 %1 个。</translation>
    </message>
</context>
<context>
    <name>tp::demo</name>
    <message>
        <source>The demo can have between 0 and %1 events, not %2.</source>
        <translation>演示数据的事件数须在 0 到 %1 之间，而不是 %2。</translation>
    </message>
    <message>
        <source>The store already holds data; demo data can only be generated into an empty store.</source>
        <translation>存储中已有数据；演示数据只能生成到空的存储中。</translation>
    </message>
    <message>
        <source>Demo data complete</source>
        <translation>演示数据已生成</translation>
    </message>
    <message>
        <source>Creating users and apps</source>
        <translation>正在创建用户和应用</translation>
    </message>
    <message>
        <source>%1 %2: hand-made demands</source>
        <translation>%1 %2：手工需求</translation>
    </message>
    <message>
        <source>%1 %2: snapshot taken</source>
        <translation>%1 %2：已生成快照</translation>
    </message>
    <message>
        <source>%1 %2: saving %3 generated events (%4)</source>
        <translation>%1 %2：正在保存 %3 个生成的事件（%4）</translation>
    </message>
    <message>
        <source>%1 %2: merging %3</source>
        <translation>%1 %2：正在合并 %3</translation>
    </message>
    <message>
        <source>%1 %2: merged %3</source>
        <translation>%1 %2：已合并 %3</translation>
    </message>
    <message>
        <source>Demo generation was cancelled.</source>
        <translation>演示数据生成已取消。</translation>
    </message>
</context>
<context>
    <name>tp::fields</name>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>触发时机</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Introduced in</source>
        <translation>引入版本</translation>
    </message>
    <message>
        <source>Deprecated in</source>
        <translation>废弃版本</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>Schema 版本</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Enum values</source>
        <translation>枚举值</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>格式（正则）</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Max length</source>
        <translation>最大长度</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私级别</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Common</source>
        <translation>公共</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>是否必填</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>tp::governance</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另外 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule %1: unknown condition &quot;%2&quot;.</source>
        <translation>规则 %1：未知条件“%2”。</translation>
    </message>
    <message>
        <source>Rule %1: unknown approver &quot;%2&quot;.</source>
        <translation>规则 %1：未知审批人“%2”。</translation>
    </message>
    <message>
        <source>Rule %1 names no approver.</source>
        <translation>规则 %1 没有指定审批人。</translation>
    </message>
    <message>
        <source>Every change</source>
        <translation>所有变更</translation>
    </message>
    <message>
        <source>Core (D) events</source>
        <translation>核心（D 级）事件</translation>
    </message>
    <message>
        <source>Breaking schema changes</source>
        <translation>不兼容的结构变更</translation>
    </message>
    <message>
        <source>Level changes</source>
        <translation>等级变更</translation>
    </message>
    <message>
        <source>Removals</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Personal or sensitive attributes</source>
        <translation>个人或敏感属性</translation>
    </message>
    <message>
        <source>Data steward</source>
        <translation>数据治理员</translation>
    </message>
    <message>
        <source>Event owner</source>
        <translation>事件负责人</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation>要求修改</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>A data steward</source>
        <translation>一位数据治理员</translation>
    </message>
    <message>
        <source>An admin</source>
        <translation>一位管理员</translation>
    </message>
    <message>
        <source>A data steward for events without owner</source>
        <translation>无负责人的事件由数据治理员审批</translation>
    </message>
    <message>
        <source>Event owner %1</source>
        <translation>事件负责人 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 — %2: %3 → %4</source>
        <translation>%1 — %2：%3 → %4</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>Removed: %1</source>
        <translation>删除：%1</translation>
    </message>
    <message>
        <source>Added: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>分析工具</translation>
    </message>
    <message>
        <source>Sampling rate</source>
        <translation>采样率</translation>
    </message>
    <message>
        <source>Warehouse ODS</source>
        <translation>数仓 ODS</translation>
    </message>
    <message>
        <source>Real-time</source>
        <translation>实时流</translation>
    </message>
    <message>
        <source>Health alerts</source>
        <translation>健康告警</translation>
    </message>
    <message>
        <source>Refuse events of this level at collection</source>
        <translation>采集时拒收该等级的事件</translation>
    </message>
    <message>
        <source>Route events of this level to the quarantine topic</source>
        <translation>将该等级的事件路由到隔离主题</translation>
    </message>
    <message>
        <source>Send events of this level to the analytics tool</source>
        <translation>将该等级的事件发送到分析工具</translation>
    </message>
    <message>
        <source>Share of the events of this level that is kept (0–100 %)</source>
        <translation>该等级事件的保留比例（0–100 %）</translation>
    </message>
    <message>
        <source>Load events of this level into the warehouse ODS layer</source>
        <translation>将该等级的事件载入数仓 ODS 层</translation>
    </message>
    <message>
        <source>Send events of this level to the real-time stream</source>
        <translation>将该等级的事件发送到实时流</translation>
    </message>
    <message>
        <source>Watch the health of events of this level and alert on problems</source>
        <translation>监控该等级事件的健康状况并在异常时告警</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>sampling %1</source>
        <translation>采样 %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>No setting changed.</source>
        <translation>没有设置被修改。</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Approval rules</source>
        <translation>审批规则</translation>
    </message>
</context>
<context>
    <name>tp::json</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空内容</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;</source>
        <translation>未知字段“%1”</translation>
    </message>
    <message>
        <source>Missing field &quot;%1&quot;</source>
        <translation>缺少字段“%1”</translation>
    </message>
    <message>
        <source>a number or null</source>
        <translation>数字或 null</translation>
    </message>
    <message>
        <source>Expected an integer between %1 and %2</source>
        <translation>应为 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>Unknown value &quot;%1&quot;; expected one of: %2</source>
        <translation>未知的值“%1”；应为以下之一：%2</translation>
    </message>
    <message>
        <source>Expected %1 but found %2</source>
        <translation>应为%1，实际为%2</translation>
    </message>
    <message>
        <source>Invalid schema version &quot;%1&quot;; expected MODEL-REVISION-ADDITION such as 1-0-0</source>
        <translation>无效的 Schema 版本“%1”；应为 MODEL-REVISION-ADDITION 格式，例如 1-0-0</translation>
    </message>
    <message>
        <source>Cannot read JSON: %1</source>
        <translation>无法读取 JSON：%1</translation>
    </message>
    <message>
        <source>Expected a value</source>
        <translation>此处应为一个值</translation>
    </message>
    <message>
        <source>Unexpected end of input</source>
        <translation>输入意外结束</translation>
    </message>
    <message>
        <source>Unexpected data after the JSON value</source>
        <translation>JSON 值之后有多余的数据</translation>
    </message>
    <message>
        <source>Expected a string key or &apos;}&apos; but found %1</source>
        <translation>此处应为字符串键或“}”，实际为 %1</translation>
    </message>
    <message>
        <source>Expected &apos;:&apos; after the key but found %1</source>
        <translation>键之后应为“:”，实际为 %1</translation>
    </message>
    <message>
        <source>Expected &apos;,&apos; or &apos;}&apos; but found %1</source>
        <translation>此处应为“,”或“}”，实际为 %1</translation>
    </message>
    <message>
        <source>Expected &apos;,&apos; or &apos;]&apos; but found %1</source>
        <translation>此处应为“,”或“]”，实际为 %1</translation>
    </message>
    <message>
        <source>Trailing comma before &apos;%1&apos;</source>
        <translation>“%1”之前有多余的逗号</translation>
    </message>
    <message>
        <source>Expected a string key but found %1</source>
        <translation>此处应为字符串键，实际为 %1</translation>
    </message>
    <message>
        <source>Comments are not allowed in JSON</source>
        <translation>JSON 中不允许注释</translation>
    </message>
    <message>
        <source>Unexpected character %1</source>
        <translation>意外的字符 %1</translation>
    </message>
    <message>
        <source>Nesting deeper than %1 levels</source>
        <translation>嵌套层数超过 %1 层</translation>
    </message>
    <message>
        <source>Duplicate key &quot;%1&quot;</source>
        <translation>重复的键“%1”</translation>
    </message>
    <message>
        <source>Unterminated string</source>
        <translation>字符串没有结束</translation>
    </message>
    <message>
        <source>Invalid \u escape: expected four hexadecimal digits</source>
        <translation>无效的 \u 转义：应为四位十六进制数字</translation>
    </message>
    <message>
        <source>Invalid escape sequence \%1</source>
        <translation>无效的转义序列 \%1</translation>
    </message>
    <message>
        <source>Invalid UTF-8 byte sequence</source>
        <translation>无效的 UTF-8 字节序列</translation>
    </message>
    <message>
        <source>Control character U+%1 in a string; write it as an escape such as \n</source>
        <translation>字符串中含有控制字符 U+%1；请写成转义形式，例如 \n</translation>
    </message>
    <message>
        <source>Leading zeros are not allowed in numbers</source>
        <translation>数字不允许有前导零</translation>
    </message>
    <message>
        <source>Invalid number: expected a digit</source>
        <translation>无效的数字：此处应为数字</translation>
    </message>
    <message>
        <source>Invalid number: expected a digit after &apos;.&apos;</source>
        <translation>无效的数字：“.”之后应为数字</translation>
    </message>
    <message>
        <source>Invalid number: expected a digit in the exponent</source>
        <translation>无效的数字：指数部分应为数字</translation>
    </message>
    <message>
        <source>Number out of range</source>
        <translation>数字超出范围</translation>
    </message>
    <message>
        <source>Invalid literal; expected &quot;%1&quot;</source>
        <translation>无效的字面量；应为“%1”</translation>
    </message>
    <message>
        <source>Cannot write JSON: %1</source>
        <translation>无法写入 JSON：%1</translation>
    </message>
    <message>
        <source>short write</source>
        <translation>写入不完整</translation>
    </message>
    <message>
        <source>missing field &quot;%1&quot;</source>
        <translation>缺少字段“%1”</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>应为%1，实际为%2</translation>
    </message>
    <message>
        <source>expected a non-negative integer</source>
        <translation>应为非负整数</translation>
    </message>
    <message>
        <source>expected string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot;</source>
        <translation>未知字段“%1”</translation>
    </message>
    <message>
        <source>expected a time such as 2026-03-01T08:00:00.000Z, found &quot;%1&quot;</source>
        <translation>应为时间（如 2026-03-01T08:00:00.000Z），实为“%1”</translation>
    </message>
</context>
<context>
    <name>tp::labels</name>
    <message>
        <source>A · Invalid</source>
        <translation>A · 无效</translation>
    </message>
    <message>
        <source>B · General</source>
        <translation>B · 一般</translation>
    </message>
    <message>
        <source>C · Important</source>
        <translation>C · 重要</translation>
    </message>
    <message>
        <source>D · Core</source>
        <translation>D · 核心</translation>
    </message>
    <message>
        <source>Invalid: no one needs it; rejected at collection.</source>
        <translation>无效：无人需要，采集时即拒收。</translation>
    </message>
    <message>
        <source>General: one product team&apos;s analytics only.</source>
        <translation>一般：仅供单个产品团队分析使用。</translation>
    </message>
    <message>
        <source>Important: used across teams; kept in the warehouse.</source>
        <translation>重要：跨团队使用，进入数仓。</translation>
    </message>
    <message>
        <source>Core: business-critical; warehouse, real-time stream and health alerts.</source>
        <translation>核心：业务关键，进入数仓和实时流，并有健康监控告警。</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>Implementing</source>
        <translation>开发中</translation>
    </message>
    <message>
        <source>Testing</source>
        <translation>测试中</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>已上线</translation>
    </message>
    <message>
        <source>Deprecated</source>
        <translation>已废弃</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Pseudonymous</source>
        <translation>假名化</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感信息</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>评审中</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>P0 · Blocker</source>
        <translation>P0 · 紧急</translation>
    </message>
    <message>
        <source>P1 · High</source>
        <translation>P1 · 高</translation>
    </message>
    <message>
        <source>P2 · Normal</source>
        <translation>P2 · 普通</translation>
    </message>
    <message>
        <source>P3 · Low</source>
        <translation>P3 · 低</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>规划中</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已发布</translation>
    </message>
    <message>
        <source>Added</source>
        <comment>diff</comment>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <comment>diff</comment>
        <translation>修改</translation>
    </message>
    <message>
        <source>Removed</source>
        <comment>diff</comment>
        <translation>删除</translation>
    </message>
    <message>
        <source>; </source>
        <extracomment>Separates the items of a list in running text: &quot;all changes; core (D) event: pay&quot;.</extracomment>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>tp::lint</name>
    <message>
        <source>%1 has no description.</source>
        <translation>%1 没有描述。</translation>
    </message>
    <message>
        <source>Key %1 is not lower_snake_case: words are separated by single underscores.</source>
        <translation>标识 %1 不是 lower_snake_case 格式：单词之间应以单个下划线分隔。</translation>
    </message>
    <message>
        <source>App %1 has no platform %2.</source>
        <translation>应用 %1 没有平台 %2。</translation>
    </message>
    <message>
        <source>Attribute %1 (%2) conflicts with %3: the same name with different types.</source>
        <translation>属性 %1（%2）与 %3 冲突：名称相同但类型不同。</translation>
    </message>
    <message>
        <source>Attribute %1 is only bound by removed events.</source>
        <translation>属性 %1 只被已移除的事件绑定。</translation>
    </message>
    <message>
        <source>Attribute %1 is not bound by any event.</source>
        <translation>属性 %1 没有被任何事件绑定。</translation>
    </message>
    <message>
        <source>Attribute %1 is required on %2 of %3 %4 events but only optional on %5.</source>
        <translation>属性 %1 在 %3 个 %4 事件中的 %2 个上为必填，但在 %5 上仅为可选。</translation>
    </message>
    <message>
        <source>Attribute %1 is required on %2 of %3 %4 events but not bound on %5.</source>
        <translation>属性 %1 在 %3 个 %4 事件中的 %2 个上为必填，但 %5 未绑定该属性。</translation>
    </message>
</context>
<context>
    <name>tp::publish</name>
    <message>
        <source>Nothing to publish for %1: no version given.</source>
        <translation>%1 没有可推送的内容：未指定版本。</translation>
    </message>
    <message>
        <source>Reading what is published for %1</source>
        <translation>正在读取 %1 已推送的内容</translation>
    </message>
    <message>
        <source>Moving the pointers of %1</source>
        <translation>正在移动 %1 的指针</translation>
    </message>
    <message>
        <source>Dry run of %1 done</source>
        <translation>%1 的试运行完成</translation>
    </message>
    <message>
        <source>Published %1</source>
        <translation>已推送 %1</translation>
    </message>
    <message>
        <source>Nothing to roll back for %1: %2 is empty (no publish since the last rollback).</source>
        <translation>%1 没有可回滚的内容：%2 为空（上次回滚之后没有推送过）。</translation>
    </message>
    <message>
        <source>Cannot roll back %1: its previous snapshot %2 is no longer in Redis.</source>
        <translation>无法回滚 %1：它之前的快照 %2 已不在 Redis 中。</translation>
    </message>
    <message>
        <source>%1 has no released version to publish; release one, or name a frozen version.</source>
        <translation>%1 没有可推送的已发布版本；请先发布一个版本，或指定一个已冻结的版本。</translation>
    </message>
    <message>
        <source>No version %1 of %2.</source>
        <translation>%2 没有版本 %1。</translation>
    </message>
    <message>
        <source>Version %1 of %2 is in planning; freeze it before publishing it.</source>
        <translation>%2 的版本 %1 处于规划中；推送前请先冻结它。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>current %1</source>
        <translation>当前 %1</translation>
    </message>
    <message>
        <source>cleared</source>
        <translation>已清除</translation>
    </message>
    <message>
        <source>%1 The pointers were not moved.</source>
        <translation>%1 指针没有移动。</translation>
    </message>
    <message>
        <source>%1 The connection broke during the pointer move: check %2 to see whether it happened.</source>
        <translation>%1 移动指针时连接中断：请检查 %2，确认移动是否已发生。</translation>
    </message>
    <message>
        <source>Another client changed the pointers of %1 during this publish; nothing was moved. Publish again.</source>
        <translation>推送期间另一个客户端修改了 %1 的指针；没有移动任何指针。请重新推送。</translation>
    </message>
    <message>
        <source>Redis applied the pointer move of %1 only in part: %2. Run the publish again to complete it.</source>
        <translation>Redis 只部分执行了 %1 的指针移动：%2。请再次运行推送以完成。</translation>
    </message>
    <message>
        <source>Publish of %1 cancelled; the published pointers were not moved.</source>
        <translation>%1 的推送已取消；已推送的指针没有移动。</translation>
    </message>
    <message>
        <source>%1 (while %2)</source>
        <translation>%1（在%2时）</translation>
    </message>
    <message>
        <source>%1: writing snapshot %2</source>
        <translation>%1：正在写入快照 %2</translation>
    </message>
    <message>
        <source>refreshing the expiry of snapshot %1</source>
        <translation>正在刷新快照 %1 的过期时间</translation>
    </message>
    <message>
        <source>%1: verifying snapshot %2</source>
        <translation>%1：正在校验快照 %2</translation>
    </message>
    <message>
        <source>%1: loading the plan</source>
        <translation>%1：正在加载方案</translation>
    </message>
    <message>
        <source>No plan for %1.</source>
        <translation>没有 %1 的方案。</translation>
    </message>
    <message>
        <source>%1: writing schemas (%2 of %3 events)</source>
        <translation>%1：正在写入 Schema（%3 个事件中的 %2 个）</translation>
    </message>
    <message>
        <source>writing schemas</source>
        <translation>写入 Schema</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <source>writing snapshot %1</source>
        <translation>写入快照 %1</translation>
    </message>
    <message>
        <source>Snapshot %1 in Redis does not match what was written (checksum %2, meta %3, expected %4); the pointers were not moved.</source>
        <translation>Redis 中的快照 %1 与写入的内容不一致（校验和 %2，meta %3，预期 %4）；指针没有移动。</translation>
    </message>
    <message>
        <source>Snapshot %1 in Redis does not match what was written (meta %2, expected %3); the pointers were not moved.</source>
        <translation>Redis 中的快照 %1 与写入的内容不一致（meta %2，预期 %3）；指针没有移动。</translation>
    </message>
</context>
<context>
    <name>tp::qa</name>
    <message>
        <source>new event</source>
        <translation>新事件</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>is sent, with its attributes</source>
        <translation>会上报，且带有其属性</translation>
    </message>
    <message>
        <source>is no longer sent</source>
        <translation>不再上报</translation>
    </message>
    <message>
        <source>App</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>What to check</source>
        <translation>检查内容</translation>
    </message>
    <message>
        <source>Attributes (* required)</source>
        <translation>属性（* 为必填）</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已检查</translation>
    </message>
</context>
<context>
    <name>tp::redis</name>
    <message>
        <source>Cannot connect to Redis at %1: out of memory.</source>
        <translation>无法连接 %1 上的 Redis：内存不足。</translation>
    </message>
    <message>
        <source>Redis at %1 did not accept the connection within %2 ms (%3).</source>
        <translation>%1 上的 Redis 没有在 %2 毫秒内接受连接（%3）。</translation>
    </message>
    <message>
        <source>Redis at %1 is unreachable: %2.</source>
        <translation>无法访问 %1 上的 Redis：%2。</translation>
    </message>
    <message>
        <source>Redis at %1 requires a password: give it in the URL, redis://:PASSWORD@host:port or redis://USER:PASSWORD@host:port.</source>
        <translation>%1 上的 Redis 需要密码：请在 URL 中给出，redis://:密码@主机:端口 或 redis://用户:密码@主机:端口。</translation>
    </message>
    <message>
        <source>sending commands</source>
        <translation>发送命令</translation>
    </message>
    <message>
        <source>reading replies</source>
        <translation>读取响应</translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation>连接已关闭。</translation>
    </message>
    <message>
        <source>waiting for a message</source>
        <translation>等待消息</translation>
    </message>
    <message>
        <source>Redis at %1 did not answer in time while %2 (command timeout).</source>
        <translation>%1 上的 Redis 在%2时没有及时响应（命令超时）。</translation>
    </message>
    <message>
        <source>Lost the connection to Redis at %1 while %2: %3.</source>
        <translation>在%2时与 %1 上的 Redis 失去连接：%3。</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>Redis at %1: %2 while %3.</source>
        <translation>%1 上的 Redis：%2（在%3时）。</translation>
    </message>
    <message>
        <source>Redis at %1 is out of memory and refused a write (%2). Raise maxmemory or free memory, then publish again.</source>
        <translation>%1 上的 Redis 内存不足，拒绝了写入（%2）。请调高 maxmemory 或释放内存，然后重新推送。</translation>
    </message>
    <message>
        <source>Redis at %1: authentication failed (%2).</source>
        <translation>%1 上的 Redis：认证失败（%2）。</translation>
    </message>
    <message>
        <source>Redis at %1 answered with an error: %2</source>
        <translation>%1 上的 Redis 返回错误：%2</translation>
    </message>
    <message>
        <source>Invalid Redis URL: %1</source>
        <translation>无效的 Redis URL：%1</translation>
    </message>
    <message>
        <source>TLS (rediss://) is not supported by this build; use redis:// through a TLS tunnel.</source>
        <translation>此版本不支持 TLS（rediss://）；请通过 TLS 隧道使用 redis://。</translation>
    </message>
    <message>
        <source>expected redis://[user[:password]@]host[:port][/db], for example redis://127.0.0.1:6379/0</source>
        <translation>应为 redis://[用户[:密码]@]主机[:端口][/数据库]，例如 redis://127.0.0.1:6379/0</translation>
    </message>
    <message>
        <source>the host is missing.</source>
        <translation>缺少主机。</translation>
    </message>
    <message>
        <source>the database must be a number, not &quot;%1&quot;.</source>
        <translation>数据库必须是数字，而不是“%1”。</translation>
    </message>
    <message>
        <source>options after &apos;?&apos; or &apos;#&apos; are not supported.</source>
        <translation>不支持“?”或“#”之后的选项。</translation>
    </message>
    <message>
        <source>Stopped waiting for Redis at %1: cancelled.</source>
        <translation>已停止等待 %1 上的 Redis：已取消。</translation>
    </message>
</context>
<context>
    <name>tp::rules</name>
    <message>
        <source>The key is required.</source>
        <translation>必须填写标识。</translation>
    </message>
    <message>
        <source>Key &quot;%1&quot; must start with a lower-case letter and contain only lower-case letters, digits and underscores (at most 64 characters).</source>
        <translation>标识“%1”必须以小写字母开头，且只能包含小写字母、数字和下划线（最多 64 个字符）。</translation>
    </message>
    <message>
        <source>%1 has no display name.</source>
        <translation>%1 没有显示名称。</translation>
    </message>
    <message>
        <source>Enum attribute %1 needs at least one value.</source>
        <translation>枚举属性 %1 至少需要一个取值。</translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have enum values.</source>
        <translation>类型为 %2 的属性 %1 不能有枚举值。</translation>
    </message>
    <message>
        <source>Enum value %1 of %2 is empty.</source>
        <translation>%2 的第 %1 个枚举值为空。</translation>
    </message>
    <message>
        <source>Enum value &quot;%1&quot; of %2 is listed more than once.</source>
        <translation>%2 的枚举值“%1”出现了不止一次。</translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have a pattern.</source>
        <translation>类型为 %2 的属性 %1 不能设置格式（正则）。</translation>
    </message>
    <message>
        <source>The pattern of %1 is not a valid regular expression: %2 at offset %3.</source>
        <translation>%1 的格式不是有效的正则表达式：位置 %3 处%2。</translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have a minimum or maximum.</source>
        <translation>类型为 %2 的属性 %1 不能设置最小值或最大值。</translation>
    </message>
    <message>
        <source>The bounds of %1 must be finite numbers.</source>
        <translation>%1 的取值边界必须是有限的数字。</translation>
    </message>
    <message>
        <source>The minimum of %1 (%2) is greater than its maximum (%3).</source>
        <translation>%1 的最小值（%2）大于其最大值（%3）。</translation>
    </message>
    <message>
        <source>The maximum length of %1 must be greater than 0.</source>
        <translation>%1 的最大长度必须大于 0。</translation>
    </message>
    <message>
        <source>Attribute %1 of type %2 cannot have a maximum length.</source>
        <translation>类型为 %2 的属性 %1 不能设置最大长度。</translation>
    </message>
    <message>
        <source>Event %1 names no platform.</source>
        <translation>事件 %1 没有指定平台。</translation>
    </message>
    <message>
        <source>Unknown platform &quot;%1&quot;; expected one of %2.</source>
        <translation>未知平台“%1”；应为以下之一：%2。</translation>
    </message>
    <message>
        <source>Platform %1 is listed more than once.</source>
        <translation>平台 %1 出现了不止一次。</translation>
    </message>
    <message>
        <source>Binding %1 names no attribute.</source>
        <translation>第 %1 个绑定没有指定属性。</translation>
    </message>
    <message>
        <source>Attribute %1 is bound more than once.</source>
        <translation>属性 %1 被绑定了不止一次。</translation>
    </message>
    <message>
        <source>Attribute %1 does not exist.</source>
        <translation>属性 %1 不存在。</translation>
    </message>
    <message>
        <source>Attribute %1 is common to every event; binding it explicitly is redundant.</source>
        <translation>属性 %1 是所有事件共有的公共属性；无需再显式绑定。</translation>
    </message>
    <message>
        <source>Event %1 has a deprecation version but its status is %2.</source>
        <translation>事件 %1 设置了废弃版本，但其状态为 %2。</translation>
    </message>
    <message>
        <source>Event %1 is %2 but names no version it was deprecated in.</source>
        <translation>事件 %1 的状态为 %2，但没有指定废弃版本。</translation>
    </message>
    <message>
        <source>Event %1 is deprecated in %2, before it was introduced in %3.</source>
        <translation>事件 %1 在 %2 中废弃，早于其引入版本 %3。</translation>
    </message>
    <message>
        <source>Key %1 is used more than once.</source>
        <translation>标识 %1 被使用了不止一次。</translation>
    </message>
    <message>
        <source>Key %1 collides with %2: keys must be unique ignoring case and separators.</source>
        <translation>标识 %1 与 %2 冲突：忽略大小写和分隔符后，标识必须唯一。</translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; of %2 is not a valid %3.</source>
        <translation>%2 的示例“%1”不是有效的 %3。</translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; of %2 is not a valid JSON array.</source>
        <translation>%2 的示例“%1”不是有效的 JSON 数组。</translation>
    </message>
    <message>
        <source>Item %1 of example &quot;%2&quot; of %3 is not a valid %4.</source>
        <translation>%3 的示例“%2”中的第 %1 项不是有效的 %4。</translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; is not one of the values of %2: %3.</source>
        <translation>示例“%1”不是 %2 的取值之一：%3。</translation>
    </message>
    <message>
        <source>Example &quot;%1&quot; does not match the pattern %2 of %3.</source>
        <translation>示例“%1”不符合 %3 的格式 %2。</translation>
    </message>
    <message>
        <source>Example value %1 of %2 is below the minimum %3.</source>
        <translation>%2 的示例值 %1 小于最小值 %3。</translation>
    </message>
    <message>
        <source>Example value %1 of %2 is above the maximum %3.</source>
        <translation>%2 的示例值 %1 大于最大值 %3。</translation>
    </message>
    <message numerus="yes">
        <source>Example &quot;%1&quot; of %2 is longer than %n character(s).</source>
        <translation>
            <numerusform>%2 的示例“%1”超过了 %n 个字符。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tp::schemachange</name>
    <message>
        <source>Minimum %1 added to %2.</source>
        <translation>为 %2 新增了最小值 %1。</translation>
    </message>
    <message>
        <source>Maximum %1 added to %2.</source>
        <translation>为 %2 新增了最大值 %1。</translation>
    </message>
    <message>
        <source>Minimum of %1 removed.</source>
        <translation>移除了 %1 的最小值。</translation>
    </message>
    <message>
        <source>Maximum of %1 removed.</source>
        <translation>移除了 %1 的最大值。</translation>
    </message>
    <message>
        <source>Minimum of %1 raised from %2 to %3.</source>
        <translation>%1 的最小值从 %2 提高到 %3。</translation>
    </message>
    <message>
        <source>Minimum of %1 lowered from %2 to %3.</source>
        <translation>%1 的最小值从 %2 降低到 %3。</translation>
    </message>
    <message>
        <source>Maximum of %1 raised from %2 to %3.</source>
        <translation>%1 的最大值从 %2 提高到 %3。</translation>
    </message>
    <message>
        <source>Maximum of %1 lowered from %2 to %3.</source>
        <translation>%1 的最大值从 %2 降低到 %3。</translation>
    </message>
    <message>
        <source>Enum values of %1 removed: %2.</source>
        <translation>移除了 %1 的枚举值：%2。</translation>
    </message>
    <message>
        <source>Enum values of %1 added: %2.</source>
        <translation>新增了 %1 的枚举值：%2。</translation>
    </message>
    <message>
        <source>Pattern %1 added to %2.</source>
        <translation>为 %2 新增了格式 %1。</translation>
    </message>
    <message>
        <source>Pattern of %1 removed.</source>
        <translation>移除了 %1 的格式。</translation>
    </message>
    <message>
        <source>Pattern of %1 changed from %2 to %3.</source>
        <translation>%1 的格式从 %2 改为 %3。</translation>
    </message>
    <message>
        <source>Maximum length %1 added to %2.</source>
        <translation>为 %2 新增了最大长度 %1。</translation>
    </message>
    <message>
        <source>Maximum length of %1 removed.</source>
        <translation>移除了 %1 的最大长度。</translation>
    </message>
    <message>
        <source>Maximum length of %1 lowered from %2 to %3.</source>
        <translation>%1 的最大长度从 %2 降低到 %3。</translation>
    </message>
    <message>
        <source>Maximum length of %1 raised from %2 to %3.</source>
        <translation>%1 的最大长度从 %2 提高到 %3。</translation>
    </message>
    <message>
        <source>Attribute %1 became required.</source>
        <translation>属性 %1 变为必填。</translation>
    </message>
    <message>
        <source>Attribute %1 became optional.</source>
        <translation>属性 %1 变为可选。</translation>
    </message>
    <message>
        <source>The definition of attribute %1 is missing on one side of the change.</source>
        <translation>变更的一侧缺少属性 %1 的定义。</translation>
    </message>
    <message>
        <source>Type of %1 changed from %2 to %3.</source>
        <translation>%1 的类型从 %2 改为 %3。</translation>
    </message>
    <message>
        <source>Event key changed from %1 to %2.</source>
        <translation>事件标识从 %1 改为 %2。</translation>
    </message>
    <message>
        <source>Attribute %1 was removed from the event.</source>
        <translation>属性 %1 已从事件中移除。</translation>
    </message>
    <message>
        <source>Required attribute %1 was added.</source>
        <translation>新增了必填属性 %1。</translation>
    </message>
    <message>
        <source>Optional attribute %1 was added.</source>
        <translation>新增了可选属性 %1。</translation>
    </message>
</context>
<context>
    <name>tp::secrets</name>
    <message>
        <source>The system keychain did not answer in time.</source>
        <translation>系统钥匙串没有及时响应。</translation>
    </message>
</context>
<context>
    <name>tp::store</name>
    <message numerus="yes">
        <source>Attribute &quot;%1&quot; is still used by %n event(s): %2</source>
        <translation>
            <numerusform>属性“%1”仍被 %n 个事件使用：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>The store has schema version %1, newer than this TrackPlan understands (%2). Please update TrackPlan.</source>
        <translation>存储库的结构版本为 %1，高于此版本 TrackPlan 所支持的版本（%2）。请升级 TrackPlan。</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>Cannot write the export: %1</source>
        <translation>无法写入导出文件：%1</translation>
    </message>
    <message>
        <source>Export done.</source>
        <translation>导出完成。</translation>
    </message>
    <message>
        <source>Event &quot;%1&quot; binds unknown attribute &quot;%2&quot;.</source>
        <translation>事件“%1”绑定了未知属性“%2”。</translation>
    </message>
    <message>
        <source>No app with key &quot;%1&quot;.</source>
        <translation>不存在标识为“%1”的应用。</translation>
    </message>
    <message>
        <source>Invalid PostgreSQL URL: %1</source>
        <translation>无效的 PostgreSQL URL：%1</translation>
    </message>
    <message>
        <source>No store given.</source>
        <translation>未指定存储库。</translation>
    </message>
    <message>
        <source>No demand &quot;%1&quot;.</source>
        <translation>不存在需求“%1”。</translation>
    </message>
    <message>
        <source>Demand %1 is %2; its changes can only be edited while it is a draft.</source>
        <translation>需求 %1 的状态为 %2；只有草稿状态的需求才能编辑其变更。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Key &quot;%1&quot; collides with &quot;%2&quot; (keys must be unique ignoring case and separators).</source>
        <translation>标识“%1”与“%2”冲突（忽略大小写和分隔符后，标识必须唯一）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in the plan.</source>
        <translation>“%1”不在埋点方案中。</translation>
    </message>
    <message>
        <source>Event &quot;%1&quot; is part of a released version and cannot be deleted; set its status to deprecated or removed instead.</source>
        <translation>事件“%1”属于已发布的版本，不能删除；请将其状态改为已废弃或已移除。</translation>
    </message>
    <message>
        <source>Demand %1 has no change to &quot;%2&quot;.</source>
        <translation>需求 %1 中没有对“%2”的变更。</translation>
    </message>
    <message>
        <source>The Qt SQLite driver (QSQLITE) is not installed.</source>
        <translation>未安装 Qt SQLite 驱动（QSQLITE）。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>The Qt PostgreSQL driver (QPSQL) is not installed.</source>
        <translation>未安装 Qt PostgreSQL 驱动（QPSQL）。</translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>无法打开存储库 %1：%2</translation>
    </message>
    <message>
        <source>No row.</source>
        <translation>没有数据行。</translation>
    </message>
    <message>
        <source>Insert returned no id.</source>
        <translation>插入操作未返回 ID。</translation>
    </message>
    <message>
        <source>Commit without a transaction.</source>
        <translation>没有进行中的事务，无法提交。</translation>
    </message>
    <message>
        <source>The transaction was rolled back by an inner failure.</source>
        <translation>事务因内部操作失败已回滚。</translation>
    </message>
    <message>
        <source>Database error: %1</source>
        <translation>数据库错误：%1</translation>
    </message>
    <message>
        <source>A demand needs a title.</source>
        <translation>需求必须有标题。</translation>
    </message>
    <message>
        <source>A demand &quot;%1&quot; exists already.</source>
        <translation>需求“%1”已存在。</translation>
    </message>
    <message>
        <source>Version &quot;%1&quot; of &quot;%2&quot; does not exist or is no longer in planning.</source>
        <translation>“%2”的版本“%1”不存在，或已不在规划中。</translation>
    </message>
    <message>
        <source>Demand &quot;%1&quot; was changed by someone else meanwhile. Reload it and apply your edit again.</source>
        <translation>需求“%1”在此期间已被他人修改。请重新加载后再次进行修改。</translation>
    </message>
    <message>
        <source>Demand %1 is %2; this action needs it to be %3.</source>
        <translation>需求 %1 的状态为 %2；此操作要求其状态为 %3。</translation>
    </message>
    <message>
        <source>Demand %1 has no changes yet; add or edit events or attributes under it first.</source>
        <translation>需求 %1 还没有任何变更；请先在该需求下新增或编辑事件、属性。</translation>
    </message>
    <message>
        <source>Demand %1 was changed meanwhile; reload it.</source>
        <translation>需求 %1 在此期间已被修改；请重新加载。</translation>
    </message>
    <message>
        <source>Demand %1 is %2; only an approved demand can be merged.</source>
        <translation>需求 %1 的状态为 %2；只有已批准的需求才能合并。</translation>
    </message>
    <message>
        <source>Demand %1 was changed meanwhile; reload it before merging.</source>
        <translation>需求 %1 在此期间已被修改；请重新加载后再合并。</translation>
    </message>
    <message>
        <source>Demand %1 targets version %2, which is frozen; move the demand to a version in planning first.</source>
        <translation>需求 %1 的目标版本 %2 已冻结；请先把该需求移到规划中的版本。</translation>
    </message>
    <message>
        <source>Attribute &quot;%1&quot; is still used by events and cannot be removed.</source>
        <translation>属性“%1”仍被事件使用，不能移除。</translation>
    </message>
    <message>
        <source>The store %1 is not empty; import loads a whole store and needs an empty one.</source>
        <translation>存储库 %1 不是空的；导入会载入整个存储库，需要一个空的存储库。</translation>
    </message>
    <message>
        <source>Import done.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <source>A native export is a JSON object.</source>
        <translation>原生导出文件应为一个 JSON 对象。</translation>
    </message>
    <message>
        <source>Unsupported format; expected &quot;%1&quot;.</source>
        <translation>不支持的格式；应为“%1”。</translation>
    </message>
    <message>
        <source>Unknown section &quot;%1&quot;.</source>
        <translation>未知的分节“%1”。</translation>
    </message>
    <message>
        <source>The export must start with &quot;$format&quot;: &quot;%1&quot;.</source>
        <translation>导出文件必须以 &quot;$format&quot;: &quot;%1&quot; 开头。</translation>
    </message>
    <message>
        <source>Missing &quot;$format&quot;: this is not a TrackPlan export.</source>
        <translation>缺少 &quot;$format&quot;：这不是 TrackPlan 导出文件。</translation>
    </message>
    <message>
        <source>Section &quot;%1&quot; must be an array.</source>
        <translation>分节“%1”必须是数组。</translation>
    </message>
    <message>
        <source>%1[%2] must be an object.</source>
        <translation>%1[%2] 必须是对象。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>导入已取消；未导入任何内容。</translation>
    </message>
    <message>
        <source>%1: duplicate %2.</source>
        <translation>%1：%2 重复。</translation>
    </message>
    <message>
        <source>unknown app &quot;%1&quot;</source>
        <translation>未知应用“%1”</translation>
    </message>
    <message>
        <source>unknown value &quot;%1&quot;; expected one of %2</source>
        <translation>未知的值“%1”；应为以下之一：%2</translation>
    </message>
    <message>
        <source>expected the four levels A, B, C and D</source>
        <translation>应包含 A、B、C、D 四个等级</translation>
    </message>
    <message>
        <source>app key &quot;%1&quot;</source>
        <translation>应用标识“%1”</translation>
    </message>
    <message>
        <source>expected object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>policy level %1</source>
        <translation>策略等级 %1</translation>
    </message>
    <message>
        <source>attribute key &quot;%1&quot;</source>
        <translation>属性标识“%1”</translation>
    </message>
    <message>
        <source>unknown attribute &quot;%1&quot; of app &quot;%2&quot;</source>
        <translation>应用“%2”中不存在属性“%1”</translation>
    </message>
    <message>
        <source>event key &quot;%1&quot;</source>
        <translation>事件标识“%1”</translation>
    </message>
    <message>
        <source>audit entry</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>demand key &quot;%1&quot;</source>
        <translation>需求标识“%1”</translation>
    </message>
    <message>
        <source>%1.state: must be null exactly when op is delete</source>
        <translation>%1.state：当且仅当 op 为 delete 时必须为 null</translation>
    </message>
    <message>
        <source>%1: duplicate change of %2 &quot;%3&quot;</source>
        <translation>%1：对%2“%3”的变更重复</translation>
    </message>
    <message>
        <source>unknown demand &quot;%1&quot;</source>
        <translation>未知需求“%1”</translation>
    </message>
    <message>
        <source>must be null exactly when op is delete</source>
        <translation>当且仅当 op 为 delete 时必须为 null</translation>
    </message>
    <message>
        <source>revision %1 of %2 &quot;%3&quot;</source>
        <translation>%2“%3”的修订 %1</translation>
    </message>
    <message>
        <source>user name &quot;%1&quot;</source>
        <translation>用户名“%1”</translation>
    </message>
    <message>
        <source>version &quot;%1&quot;</source>
        <translation>版本“%1”</translation>
    </message>
    <message>
        <source>a frozen or released version needs its snapshot</source>
        <translation>已冻结或已发布的版本必须有快照</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>%1 was changed by someone else meanwhile. Reload it and apply your edit again.</source>
        <translation>%1 在此期间已被他人修改。请重新加载后再次进行修改。</translation>
    </message>
    <message>
        <source>App key &quot;%1&quot; must be lower case letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>应用标识“%1”只能包含小写字母、数字、“-”或“_”。</translation>
    </message>
    <message>
        <source>Unknown platform &quot;%1&quot;.</source>
        <translation>未知平台“%1”。</translation>
    </message>
    <message>
        <source>An app with key &quot;%1&quot; exists already.</source>
        <translation>标识为“%1”的应用已存在。</translation>
    </message>
    <message>
        <source>App &quot;%1&quot;</source>
        <translation>应用“%1”</translation>
    </message>
    <message>
        <source>No user named &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的用户。</translation>
    </message>
    <message>
        <source>A policy needs exactly the four levels A, B, C and D.</source>
        <translation>策略必须恰好包含 A、B、C、D 四个等级。</translation>
    </message>
    <message>
        <source>The sampling rate must lie between 0 and 1.</source>
        <translation>采样率必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>The policy of &quot;%1&quot;</source>
        <translation>“%1”的策略</translation>
    </message>
    <message>
        <source>No event &quot;%1&quot; in app &quot;%2&quot;.</source>
        <translation>应用“%2”中不存在事件“%1”。</translation>
    </message>
    <message>
        <source>No attribute &quot;%1&quot; in app &quot;%2&quot;.</source>
        <translation>应用“%2”中不存在属性“%1”。</translation>
    </message>
    <message>
        <source>Version name &quot;%1&quot; must look like 6.3.0 (numbers separated by dots).</source>
        <translation>版本名“%1”应形如 6.3.0（以点分隔的数字）。</translation>
    </message>
    <message>
        <source>Version %1 of &quot;%2&quot; exists already.</source>
        <translation>“%2”的版本 %1 已存在。</translation>
    </message>
    <message>
        <source>No version %1 of &quot;%2&quot;.</source>
        <translation>“%2”没有版本 %1。</translation>
    </message>
    <message>
        <source>Version %1 is %2; demands can only be added while it is in planning.</source>
        <translation>版本 %1 的状态为 %2；只有规划中的版本才能加入需求。</translation>
    </message>
    <message>
        <source>Demand %1 is already assigned to version %2.</source>
        <translation>需求 %1 已分配给版本 %2。</translation>
    </message>
    <message>
        <source>No demand %1 in app &quot;%2&quot;.</source>
        <translation>应用“%2”中不存在需求 %1。</translation>
    </message>
    <message>
        <source>Demand %1 is not assigned to version %2 in planning.</source>
        <translation>需求 %1 未分配给规划中的版本 %2。</translation>
    </message>
    <message>
        <source>Version %1 is %2; this action needs it to be %3.</source>
        <translation>版本 %1 的状态为 %2；此操作要求其状态为 %3。</translation>
    </message>
    <message>
        <source>Version %1 was changed meanwhile; reload it.</source>
        <translation>版本 %1 在此期间已被修改；请重新加载。</translation>
    </message>
    <message>
        <source>Version %1 cannot be frozen while these demands are open: %2. Merge, reject or cancel them, or move them to another version.</source>
        <translation>以下需求尚未关闭，版本 %1 不能冻结：%2。请合并、驳回或取消这些需求，或把它们移到其他版本。</translation>
    </message>
    <message>
        <source>Version %1 of &quot;%2&quot; has no snapshot yet; freeze it first.</source>
        <translation>“%2”的版本 %1 还没有快照；请先冻结该版本。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice</source>
        <translation>“%1”列出了两次</translation>
    </message>
    <message>
        <source>unknown version &quot;%1&quot;</source>
        <translation>未知版本“%1”</translation>
    </message>
    <message>
        <source>Building indexes…</source>
        <translation>正在建立索引…</translation>
    </message>
    <message>
        <source>The Redis target of a publish history entry must not contain a password.</source>
        <translation>推送历史记录中的 Redis 目标不能包含密码。</translation>
    </message>
    <message>
        <source>The resolved state of &quot;%1&quot; is not a valid %2.</source>
        <translation>“%1”解决后的状态不是有效的%2。</translation>
    </message>
    <message>
        <source>Demand %1 is %2; conflicts are resolved when an approved demand is merged.</source>
        <translation>需求 %1 当前为 %2；冲突在合并已批准的需求时解决。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changed again in the plan (revision %2, the conflict showed %3). Merge again to see the new conflict.</source>
        <translation>“%1”在方案中再次被修改（修订 %2，冲突显示的是 %3）。请重新合并以查看新的冲突。</translation>
    </message>
    <message>
        <source>Demand %1 does not change &quot;%2&quot;.</source>
        <translation>需求 %1 没有修改“%2”。</translation>
    </message>
    <message>
        <source>Say what should change: a request for changes needs a comment.</source>
        <translation>请说明需要修改什么：要求修改必须附带评论。</translation>
    </message>
    <message>
        <source>Demand %1 cannot be merged yet:
%2</source>
        <translation>需求 %1 暂不能合并：
%2</translation>
    </message>
    <message>
        <source>The approval rules of &quot;%1&quot; are damaged: %2</source>
        <translation>“%1”的审批规则已损坏：%2</translation>
    </message>
    <message>
        <source>The rule &quot;%1&quot; names no approver.</source>
        <translation>规则“%1”没有指定审批人。</translation>
    </message>
    <message>
        <source>The approval rules of &quot;%1&quot; were changed by someone else meanwhile. Reload them and apply your edit again.</source>
        <translation>“%1”的审批规则已被他人修改。请重新加载后再次修改。</translation>
    </message>
    <message>
        <source>Demand %1 is settled; its levels cannot be decided.</source>
        <translation>需求 %1 已结束，不能再审批其等级。</translation>
    </message>
    <message>
        <source>Demand %1 sets no new level for event &quot;%2&quot;.</source>
        <translation>需求 %1 没有为事件“%2”设置新等级。</translation>
    </message>
    <message numerus="yes">
        <source>%n level(s) await a data steward&apos;s approval</source>
        <translation>
            <numerusform>%n 个等级待数据治理员审批</numerusform>
        </translation>
    </message>
    <message>
        <source>User name &quot;%1&quot; must start with a lower-case letter or &apos;_&apos; and hold only lower-case letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos; (at most 63).</source>
        <translation>用户名“%1”必须以小写字母或“_”开头，只能包含小写字母、数字、“_”、“.”或“-”（最多 63 个字符）。</translation>
    </message>
    <message>
        <source>Logins and passwords exist only on a PostgreSQL store; a SQLite store has one user at a time.</source>
        <translation>登录账号和密码仅适用于 PostgreSQL 存储；SQLite 存储一次只有一个用户。</translation>
    </message>
    <message>
        <source>A user named &quot;%1&quot; exists already.</source>
        <translation>已存在名为“%1”的用户。</translation>
    </message>
    <message>
        <source>No user &quot;%1&quot;.</source>
        <translation>没有用户“%1”。</translation>
    </message>
    <message>
        <source>Levels rejected by a data steward (change them under the demand): %1</source>
        <translation>被数据治理员驳回的等级（请在需求下修改）：%1</translation>
    </message>
    <message>
        <source>A comment needs some text.</source>
        <translation>评论不能为空。</translation>
    </message>
    <message>
        <source>Demand %1 is not in review; there is nothing to sign off.</source>
        <translation>需求 %1 不在评审中，无需签核。</translation>
    </message>
    <message>
        <source>No approval rule asks %1 to sign off demand %2; they own none of its events that need their owner&apos;s approval.</source>
        <translation>没有审批规则要求 %1 签核需求 %2：其中需要负责人审批的事件都不归 %1 负责。</translation>
    </message>
    <message>
        <source>Cannot export %1: it is not valid JSON.</source>
        <translation>无法导出%1：不是有效的 JSON。</translation>
    </message>
    <message>
        <source>the approval rules of &quot;%1&quot;</source>
        <translation>“%1”的审批规则</translation>
    </message>
    <message>
        <source>a governance history entry of &quot;%1&quot;</source>
        <translation>“%1”的一条治理历史</translation>
    </message>
    <message>
        <source>a publish history entry of &quot;%1&quot;</source>
        <translation>“%1”的一条发布历史</translation>
    </message>
    <message>
        <source>a rule needs at least one approver</source>
        <translation>规则至少需要一位审批人</translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation>不能小于 1</translation>
    </message>
    <message>
        <source>approval rules</source>
        <translation>审批规则</translation>
    </message>
    <message>
        <source>governance history entry</source>
        <translation>治理历史记录</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>decision on level %1 of event &quot;%2&quot;</source>
        <translation>事件“%2”的 %1 级审批决定</translation>
    </message>
    <message>
        <source>expected a day such as 2026-03-01, found &quot;%1&quot;</source>
        <translation>应为日期（如 2026-03-01），实为“%1”</translation>
    </message>
    <message>
        <source>metrics of event &quot;%1&quot; on %2</source>
        <translation>事件“%1”在 %2 的指标</translation>
    </message>
    <message>
        <source>must not contain a password</source>
        <translation>不能包含密码</translation>
    </message>
    <message>
        <source>expected string</source>
        <translation>应为字符串</translation>
    </message>
    <message>
        <source>publish history entry</source>
        <translation>发布历史记录</translation>
    </message>
    <message>
        <source>names the change commented on: set exactly when kind is set</source>
        <translation>指明所评论的变更：仅当设置了 kind 时才填写</translation>
    </message>
    <message>
        <source>demand %1 is in review round %2 only</source>
        <translation>需求 %1 仅处于第 %2 轮评审</translation>
    </message>
    <message>
        <source>review</source>
        <translation>评审意见</translation>
    </message>
    <message>
        <source>%1 has signed off demand %2 in this round already.</source>
        <translation>%1 已在本轮签核过需求 %2。</translation>
    </message>
    <message>
        <source>%1 sent demand %2; an owner&apos;s approval is given by sending it.</source>
        <translation>%1 提交了需求 %2；负责人提交即视为批准。</translation>
    </message>
</context>
<context>
    <name>trackplan</name>
    <message>
        <source>TrackPlan: manage an app&apos;s tracking plan.</source>
        <translation>TrackPlan：管理应用的埋点方案。</translation>
    </message>
    <message>
        <source>Store: a SQLite file or postgresql://user@host:port/db (default: $TRACKPLAN_DB, else the store chosen in File → Settings: the one used last or the file in the user&apos;s data folder). A password in the URL is used, never remembered; without one it comes from the system keychain, ~/.pgpass or PGPASSWORD, else TrackPlan asks.</source>
        <translation>存储库：SQLite 文件或 postgresql://用户@主机:端口/数据库（默认：$TRACKPLAN_DB，否则为“文件 → 设置”中选择的存储库：上次使用的，或用户数据文件夹中的文件）。URL 中的密码只会使用、不会被记住；没有密码时从系统钥匙串、~/.pgpass 或 PGPASSWORD 获取，否则 TrackPlan 会询问。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>UI language, e.g. zh_CN or en (default: the one chosen in File → Settings, else the system&apos;s).</source>
        <translation>界面语言，例如 zh_CN 或 en（默认：“文件 → 设置”中选择的语言，否则为系统语言）。</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
</context>
<context>
    <name>trackplanctl</name>
    <message>
        <source>trackplanctl: %1</source>
        <translation>trackplanctl：%1</translation>
    </message>
    <message>
        <source>Try &apos;trackplanctl --help&apos;.</source>
        <translation>请尝试“trackplanctl --help”。</translation>
    </message>
    <message>
        <source>--db needs a URL.</source>
        <translation>--db 需要一个 URL。</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>未知选项 %1。</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>未知命令“%1”。</translation>
    </message>
    <message>
        <source>  app: %1   status: %2   priority: %3   owner: %4</source>
        <translation>  应用：%1   状态：%2   优先级：%3   负责人：%4</translation>
    </message>
    <message>
        <source>  target versions: %1</source>
        <translation>  目标版本：%1</translation>
    </message>
    <message numerus="yes">
        <source>  %n change(s):</source>
        <translation>
            <numerusform>  %n 项变更：</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged %1: %2 revision(s) written.</source>
        <translation>已合并 %1：写入 %2 个修订。</translation>
    </message>
    <message>
        <source>Conflict: %1 %2 changed from revision %3 to %4 since this demand edited it.</source>
        <translation>冲突：自本需求编辑以来，%1“%2”已从修订 %3 变为 %4。</translation>
    </message>
    <message>
        <source>    %1: theirs %2 | mine %3</source>
        <translation>    %1：他人 %2 | 我的 %3</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was merged: %n conflict(s).</source>
        <translation>
            <numerusform>未合并任何内容：%n 处冲突。</numerusform>
        </translation>
    </message>
    <message>
        <source>list: only demands of this app.</source>
        <translation>list：只列出该应用的需求。</translation>
    </message>
    <message>
        <source>list: only demands in this status.</source>
        <translation>list：只列出处于该状态的需求。</translation>
    </message>
    <message>
        <source>Demands (change sets) and their workflow.</source>
        <translation>需求（变更集）及其工作流。</translation>
    </message>
    <message>
        <source>demand %1 needs exactly one demand KEY.</source>
        <translation>demand %1 需要且只需要一个需求标识。</translation>
    </message>
    <message>
        <source>Unknown status &quot;%1&quot;; use one of %2.</source>
        <translation>未知状态“%1”；请使用以下之一：%2。</translation>
    </message>
    <message>
        <source>Unknown demand action &quot;%1&quot;.</source>
        <translation>未知的需求操作“%1”。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现在为 %2。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示本帮助。</translation>
    </message>
    <message>
        <source>Machine-readable output.</source>
        <translation>机器可读的输出。</translation>
    </message>
    <message>
        <source>The store URL.</source>
        <translation>存储库 URL。</translation>
    </message>
    <message>
        <source>Lint only this app.</source>
        <translation>只检查该应用。</translation>
    </message>
    <message>
        <source>Check the merged plan against the lint rules. Exit 1 on errors.</source>
        <translation>按检查规则检查已合并的方案。有错误时退出码为 1。</translation>
    </message>
    <message>
        <source>No app with key &quot;%1&quot;.</source>
        <translation>不存在标识为“%1”的应用。</translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s).</source>
        <translation>%1 个错误，%2 个警告。</translation>
    </message>
    <message>
        <source>The app whose versions to compare.</source>
        <translation>要比较其版本的应用。</translation>
    </message>
    <message>
        <source>Version name, or &quot;current&quot; for the plan as merged now.</source>
        <translation>版本名，或用“current”表示当前已合并的方案。</translation>
    </message>
    <message>
        <source>Version name, or &quot;current&quot;.</source>
        <translation>版本名，或“current”。</translation>
    </message>
    <message>
        <source>Show events, attributes and bindings added, changed or removed between two versions.</source>
        <translation>显示两个版本之间新增、修改或删除的事件、属性和绑定。</translation>
    </message>
    <message>
        <source>diff needs --app KEY FROM TO.</source>
        <translation>diff 需要 --app 标识 起始 目标。</translation>
    </message>
    <message>
        <source>Attributes:</source>
        <translation>属性：</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>事件：</translation>
    </message>
    <message>
        <source>Bindings:</source>
        <translation>绑定：</translation>
    </message>
    <message>
        <source>No differences.</source>
        <translation>没有差异。</translation>
    </message>
    <message>
        <source>List the apps of the store.</source>
        <translation>列出存储库中的应用。</translation>
    </message>
    <message>
        <source>Apps of the store.</source>
        <translation>存储库中的应用。</translation>
    </message>
    <message>
        <source>Usage: trackplanctl app list</source>
        <translation>用法：trackplanctl app list</translation>
    </message>
    <message>
        <source>Create the store, or upgrade its schema to the latest migration.</source>
        <translation>创建存储库，或将其结构升级到最新迁移。</translation>
    </message>
    <message>
        <source>Store %1 is at schema version %2.</source>
        <translation>存储库 %1 的结构版本为 %2。</translation>
    </message>
    <message>
        <source>Scale the plan to about N events (0 = the hand-made demo).</source>
        <translation>把方案扩展到约 N 个事件（0 = 手工编写的演示）。</translation>
    </message>
    <message>
        <source>Seed of the generator (same seed, same store).</source>
        <translation>生成器的种子（相同种子得到相同存储库）。</translation>
    </message>
    <message>
        <source>Fill an empty store with a realistic freight-platform tracking plan.</source>
        <translation>用一个贴近真实的货运平台埋点方案填充空存储库。</translation>
    </message>
    <message>
        <source>--events and --seed need non-negative numbers.</source>
        <translation>--events 和 --seed 需要非负整数。</translation>
    </message>
    <message>
        <source>Demo plan written to %1: %2 apps, %3 events, %4 attributes, %5 bindings, %6 demands, %7 versions (%8 s).</source>
        <translation>演示方案已写入 %1：%2 个应用、%3 个事件、%4 个属性、%5 个绑定、%6 个需求、%7 个版本（%8 秒）。</translation>
    </message>
    <message>
        <source>Write to FILE instead of standard output.</source>
        <translation>写入文件而不是标准输出。</translation>
    </message>
    <message>
        <source>Write the whole store as canonical native JSON.</source>
        <translation>以规范的原生 JSON 写出整个存储库。</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>无法写入标准输出。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>A native JSON export (&apos;-&apos; for standard input).</source>
        <translation>原生 JSON 导出文件（“-”表示标准输入）。</translation>
    </message>
    <message>
        <source>Load a native JSON export into an empty store, all or nothing.</source>
        <translation>把原生 JSON 导出载入空存储库，要么全部成功，要么什么都不导入。</translation>
    </message>
    <message>
        <source>import needs exactly one FILE.</source>
        <translation>import 需要且只需要一个文件。</translation>
    </message>
    <message>
        <source>Cannot read standard input.</source>
        <translation>无法读取标准输入。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Imported %1 rows: %2 apps, %3 events, %4 attributes, %5 demands, %6 versions.</source>
        <translation>已导入 %1 行：%2 个应用、%3 个事件、%4 个属性、%5 个需求、%6 个版本。</translation>
    </message>
    <message>
        <source>list | create NAME | assign NAME DEMAND | freeze NAME | release NAME</source>
        <translation>list | create 版本名 | assign 版本名 需求 | freeze 版本名 | release 版本名</translation>
    </message>
    <message>
        <source>The app (required).</source>
        <translation>应用（必填）。</translation>
    </message>
    <message>
        <source>create: a description.</source>
        <translation>create：描述。</translation>
    </message>
    <message>
        <source>Versions of an app: planning → frozen (snapshot) → released.</source>
        <translation>应用的版本：规划中 → 已冻结（快照）→ 已发布。</translation>
    </message>
    <message>
        <source>version needs --app KEY and an action (list, create, assign, freeze, release).</source>
        <translation>version 需要 --app 标识和一个操作（list、create、assign、freeze、release）。</translation>
    </message>
    <message>
        <source>Unknown version action &quot;%1&quot;.</source>
        <translation>未知的版本操作“%1”。</translation>
    </message>
    <message>
        <source>Wrong number of arguments for version %1.</source>
        <translation>version %1 的参数个数不对。</translation>
    </message>
    <message>
        <source>%1 events, %2 attributes, sha256 %3</source>
        <translation>%1 个事件，%2 个属性，sha256 %3</translation>
    </message>
    <message>
        <source>%1 now targets %2 %3.</source>
        <translation>%1 的目标版本现在为 %2 %3。</translation>
    </message>
    <message>
        <source>%1 %2 is now %3.</source>
        <translation>%1 %2 现在为 %3。</translation>
    </message>
    <message>
        <source>The Redis server: redis://[user[:password]@]host[:port][/db] (default: $TRACKPLAN_REDIS).</source>
        <translation>Redis 服务器：redis://[用户[:密码]@]主机[:端口][/数据库]（默认：$TRACKPLAN_REDIS）。</translation>
    </message>
    <message>
        <source>Only list the keys that would be added or changed; write nothing.</source>
        <translation>只列出将要新增或修改的键；不写入任何内容。</translation>
    </message>
    <message>
        <source>%1 needs --app KEY and --redis URL (or $TRACKPLAN_REDIS).</source>
        <translation>%1 需要 --app 应用 和 --redis URL（或 $TRACKPLAN_REDIS）。</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>正在连接 %1</translation>
    </message>
    <message>
        <source>A version to publish (repeatable; frozen or released). Default: every released version; the newest becomes current.</source>
        <translation>要推送的版本（可重复；已冻结或已发布）。默认：所有已发布的版本；最新的成为当前版本。</translation>
    </message>
    <message>
        <source>Publish the plan of an app&apos;s versions to Redis for the collection services: schemas, snapshots and routing rules, then the version pointers in one transaction.</source>
        <translation>将应用各版本的方案推送到 Redis 供采集服务使用：先写 Schema、快照和路由规则，再在一个事务中移动版本指针。</translation>
    </message>
    <message numerus="yes">
        <source>Dry run, nothing written to %1: %n key(s) would be added or changed (new schemas: %2, new snapshots: %3).</source>
        <translation>
            <numerusform>试运行，没有写入 %1：将新增或修改 %n 个键（新 Schema：%2，新快照：%3）。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is already published as it is at %2: %3. Nothing changed.</source>
        <translation>%1 已按当前内容推送于 %2：%3。没有任何变化。</translation>
    </message>
    <message>
        <source>Published %1 to %2: %3; current %4.</source>
        <translation>已将 %1 推送到 %2：%3；当前 %4。</translation>
    </message>
    <message>
        <source>Schemas: %1 new, %2 there already. Snapshots: %3 new, %4 reused. %5 Redis commands in %6 s.</source>
        <translation>Schema：新增 %1 个，已存在 %2 个。快照：新增 %3 个，复用 %4 个。%6 秒内执行了 %5 条 Redis 命令。</translation>
    </message>
    <message>
        <source>Restore the version pointers of an app in Redis to what they were before the last publish (one step).</source>
        <translation>将应用在 Redis 中的版本指针恢复到上次推送之前的状态（一步）。</translation>
    </message>
    <message>
        <source>Dry run: a rollback of %1 would restore %2; current %3.</source>
        <translation>试运行：回滚 %1 将恢复 %2；当前 %3。</translation>
    </message>
    <message>
        <source>Rolled %1 back at %2: %3; current %4.</source>
        <translation>已在 %2 回滚 %1：%3；当前 %4。</translation>
    </message>
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
        <translation>用法：trackplanctl [--db URL] [--json] 命令 [参数…]

在命令行中管理 TrackPlan 埋点方案。

全局选项：
  --db URL            存储库：SQLite 文件路径或 postgresql://用户[:密码]@主机:端口/数据库
                      （默认：$TRACKPLAN_DB，否则为您数据文件夹中的文件）
  --json              输出机器可读的格式
  --print-default-db  打印默认 SQLite 存储库路径并退出
  -h, --help          显示本帮助；命令 --help 显示该命令的帮助
  --version           打印版本号

命令：
  init                          创建存储库结构或将其升级
  demo [--events N] [--seed S]  向空存储库填入演示方案
  export [-o 文件]              将整个存储库写为规范 JSON
  import 文件                   将原生 JSON 导出文件载入空存储库
  lint [--app 应用]             按检查规则检查方案
  diff --app 应用 起 止         比较两个版本（或 &quot;current&quot;）
  app list                      列出应用
  demand list|show|submit|approve|reject|cancel|merge …
  version list|create|assign|freeze|release …

退出码：0 成功，1 有发现的问题或校验错误，2 用法错误，3 存储库或连接错误。
</translation>
    </message>
    <message>
        <source>
Redis (docs/redis-contract.md):
  publish --redis URL --app KEY [--version V …] [--dry-run]
                                publish the plan for the collection services
  rollback --redis URL --app KEY
                                restore the pointers of before the last publish
</source>
        <translation>
Redis（docs/redis-contract.md）：
  publish --redis URL --app 应用 [--version 版本 …] [--dry-run]
                                将方案推送给采集服务
  rollback --redis URL --app 应用
                                将指针恢复到上次推送之前
</translation>
    </message>
    <message>
        <source>
Validation and live QA:
  validate [--redis URL] --app KEY [--valid-out F] [--invalid-out F] [--metrics-out F] [FILE|-]
                                check NDJSON events against the plan (from --db or --redis)
  replay FILE --redis URL --app KEY --session S [--rate N]
                                append a capture to the QA stream tp:{app}:debug:{session}
</source>
        <translation>
校验与实时测试：
  validate [--redis URL] --app 应用 [--valid-out 文件] [--invalid-out 文件] [--metrics-out 文件] [文件|-]
                                按方案校验 NDJSON 事件（方案来自 --db 或 --redis）
  replay 文件 --redis URL --app 应用 --session 会话 [--rate N]
                                将抓包追加到测试流 tp:{app}:debug:{session}
</translation>
    </message>
    <message numerus="yes">
        <source>Validated %n line(s) of %1 in %2 s: %3 valid, %4 invalid, %5 malformed.</source>
        <translation>
            <numerusform>已校验 %1 的 %n 行，用时 %2 秒：有效 %3，无效 %4，格式错误 %5。</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Warning: %1 event(s) of unknown app versions checked against current (%2): %3.</source>
        <translation>警告：%1 个未知应用版本的事件按 current（%2）校验：%3。</translation>
    </message>
    <message>
        <source>Violations by type:</source>
        <translation>按类型统计的违规：</translation>
    </message>
    <message>
        <source>By event (total, valid, invalid):</source>
        <translation>按事件统计（总数、有效、无效）：</translation>
    </message>
    <message numerus="yes">
        <source>  … and %n more event(s) (--json lists all).</source>
        <translation>
            <numerusform>  …… 另有 %n 个事件（--json 列出全部）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Read the published plan from Redis: redis://[user[:password]@]host[:port][/db]. Without it, the plan comes from the store (--db).</source>
        <translation>从 Redis 读取已推送的方案：redis://[用户[:密码]@]主机[:端口][/数据库]。不指定时，方案来自存储库（--db）。</translation>
    </message>
    <message>
        <source>Write the valid events, tagged with level and route.</source>
        <translation>写出有效事件，并标注等级和路由。</translation>
    </message>
    <message>
        <source>Write the quarantine: invalid events with their violations.</source>
        <translation>写出隔离区：无效事件及其违规。</translation>
    </message>
    <message>
        <source>Write PV, UV and invalid per event per day as CSV.</source>
        <translation>以 CSV 写出每个事件每天的 PV、UV 和无效数。</translation>
    </message>
    <message>
        <source>NDJSON events (default or &quot;-&quot;: standard input).</source>
        <translation>NDJSON 事件（默认或 &quot;-&quot;：标准输入）。</translation>
    </message>
    <message>
        <source>Check events (NDJSON) against the plan of their app version; exit 1 if any is invalid.</source>
        <translation>按事件所属应用版本的方案校验事件（NDJSON）；只要有无效事件就以 1 退出。</translation>
    </message>
    <message>
        <source>validate needs --app KEY and at most one FILE.</source>
        <translation>validate 需要 --app 应用，且最多一个文件。</translation>
    </message>
    <message>
        <source>Reading the plan of %1 from %2</source>
        <translation>正在从 %2 读取 %1 的方案</translation>
    </message>
    <message>
        <source>Loading the plan of %1</source>
        <translation>正在加载 %1 的方案</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>标准输入</translation>
    </message>
    <message>
        <source>Validating %1 (%2 MB)</source>
        <translation>正在校验 %1（%2 MB）</translation>
    </message>
    <message>
        <source>The QA session (required).</source>
        <translation>测试会话（必填）。</translation>
    </message>
    <message>
        <source>Events per second (default: as fast as possible).</source>
        <translation>每秒事件数（默认：尽可能快）。</translation>
    </message>
    <message>
        <source>The capture: NDJSON events.</source>
        <translation>抓包：NDJSON 事件。</translation>
    </message>
    <message>
        <source>Append a captured NDJSON file to the live QA stream tp:{app}:debug:{session}.</source>
        <translation>将抓取的 NDJSON 文件追加到实时测试流 tp:{app}:debug:{session}。</translation>
    </message>
    <message>
        <source>replay needs FILE, --app KEY, --session S and --redis URL (or $TRACKPLAN_REDIS).</source>
        <translation>replay 需要 文件、--app 应用、--session 会话 和 --redis URL（或 $TRACKPLAN_REDIS）。</translation>
    </message>
    <message>
        <source>--rate needs a number of events per second above 0.</source>
        <translation>--rate 需要大于 0 的每秒事件数。</translation>
    </message>
    <message>
        <source>Appending to %1: %2 events</source>
        <translation>正在追加到 %1：%2 个事件</translation>
    </message>
    <message>
        <source>Appended %1 event(s) to %2 at %3 in %4 s.</source>
        <translation>已在 %4 秒内将 %1 个事件追加到 %3 的 %2。</translation>
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
        <translation>
治理与权限（docs/access.md）：
  demand review|comment|sign-off|request-changes KEY …
                                合并前的评审
  governance levels|approve|reject|policy|rules|history|distribution …
                                等级审批、治理策略、审批规则
  admin add-user NAME --role ROLE [--password-stdin] | list-users | set-role NAME --role ROLE
                                用户和角色（PostgreSQL：登录账号和授权）
  whoami                        当前用户及其角色可做的事
  audit [--since T] [--user U] [--entity TYPE] [--action PREFIX]
                                审计日志；退出码 4：无权限
</translation>
    </message>
    <message>
        <source>Unknown role &quot;%1&quot;; use one of %2.</source>
        <translation>未知角色“%1”；可用：%2。</translation>
    </message>
    <message>
        <source>add-user NAME --role ROLE | list-users | set-role NAME --role ROLE</source>
        <translation>add-user NAME --role ROLE | list-users | set-role NAME --role ROLE</translation>
    </message>
    <message>
        <source>The role: %1.</source>
        <translation>角色：%1。</translation>
    </message>
    <message>
        <source>add-user: the name people read.</source>
        <translation>add-user：显示名称。</translation>
    </message>
    <message>
        <source>add-user: read the login&apos;s password from standard input (PostgreSQL).</source>
        <translation>add-user：从标准输入读取登录密码（PostgreSQL）。</translation>
    </message>
    <message>
        <source>add-user: register the user without a database login (PostgreSQL).</source>
        <translation>add-user：只登记用户，不创建数据库登录账号（PostgreSQL）。</translation>
    </message>
    <message>
        <source>Users and roles (admins only).</source>
        <translation>用户和角色（仅限管理员）。</translation>
    </message>
    <message>
        <source>admin list-users takes no arguments.</source>
        <translation>admin list-users 不接受参数。</translation>
    </message>
    <message>
        <source>admin %1 needs exactly one user NAME.</source>
        <translation>admin %1 需要恰好一个用户名 NAME。</translation>
    </message>
    <message>
        <source>admin %1 needs --role.</source>
        <translation>admin %1 需要 --role。</translation>
    </message>
    <message>
        <source>admin needs an action: add-user, list-users or set-role.</source>
        <translation>admin 需要一个操作：add-user、list-users 或 set-role。</translation>
    </message>
    <message>
        <source>no login</source>
        <translation>无登录账号</translation>
    </message>
    <message>
        <source>login: %1</source>
        <translation>登录账号：%1</translation>
    </message>
    <message>
        <source>login without TrackPlan role</source>
        <translation>登录账号没有 TrackPlan 角色</translation>
    </message>
    <message>
        <source>--password-stdin sets a PostgreSQL login&apos;s password; this store has no logins.</source>
        <translation>--password-stdin 用于设置 PostgreSQL 登录账号的密码；此存储没有登录账号。</translation>
    </message>
    <message>
        <source>No password on standard input.</source>
        <translation>标准输入中没有密码。</translation>
    </message>
    <message>
        <source>Added %1 as %2.</source>
        <translation>已添加 %1，角色为 %2。</translation>
    </message>
    <message>
        <source>The acting user of the store and their role.</source>
        <translation>存储的当前用户及其角色。</translation>
    </message>
    <message>
        <source>registered user</source>
        <translation>已登记用户</translation>
    </message>
    <message>
        <source>database login</source>
        <translation>数据库登录账号</translation>
    </message>
    <message>
        <source>not a registered user: the owner of this file</source>
        <translation>未登记用户：此文件的所有者</translation>
    </message>
    <message>
        <source>database login without a TrackPlan role</source>
        <translation>没有 TrackPlan 角色的数据库登录账号</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message>
        <source>may: %1</source>
        <translation>可以：%1</translation>
    </message>
    <message>
        <source>Only entries at or after this time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00Z).</source>
        <translation>只显示此时间及之后的条目（ISO 8601，如 2026-11-01 或 2026-11-01T08:00:00Z）。</translation>
    </message>
    <message>
        <source>Only entries before this time.</source>
        <translation>只显示此时间之前的条目。</translation>
    </message>
    <message>
        <source>Only what this user did.</source>
        <translation>只显示此用户的操作。</translation>
    </message>
    <message>
        <source>Only this entity type (demand, change, version, policy, user …).</source>
        <translation>只显示此类对象（demand、change、version、policy、user …）。</translation>
    </message>
    <message>
        <source>Only actions starting with this (e.g. demand. or level.).</source>
        <translation>只显示以此开头的操作（如 demand. 或 level.）。</translation>
    </message>
    <message>
        <source>At most the N newest entries.</source>
        <translation>最多显示最新的 N 条。</translation>
    </message>
    <message>
        <source>The audit log: who changed what, when.</source>
        <translation>审计日志：谁在何时修改了什么。</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a time; use e.g. 2026-11-01 or 2026-11-01T08:00:00Z.</source>
        <translation>--%1：“%2”不是时间；请使用如 2026-11-01 或 2026-11-01T08:00:00Z。</translation>
    </message>
    <message>
        <source>--limit needs a positive number.</source>
        <translation>--limit 需要一个正数。</translation>
    </message>
    <message>
        <source>%1  %2 — round %3</source>
        <translation>%1  %2 — 第 %3 轮</translation>
    </message>
    <message>
        <source>Approvals:</source>
        <translation>审批：</translation>
    </message>
    <message>
        <source> (by %1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Levels:</source>
        <translation>等级：</translation>
    </message>
    <message>
        <source>Discussion:</source>
        <translation>讨论：</translation>
    </message>
    <message>
        <source>Nothing missing for the merge.</source>
        <translation>合并条件已全部满足。</translation>
    </message>
    <message>
        <source>Missing for the merge: %1</source>
        <translation>合并尚缺：%1</translation>
    </message>
    <message>
        <source>--on &quot;%1&quot;: write event:KEY or attribute:KEY.</source>
        <translation>--on “%1”：请写 event:KEY 或 attribute:KEY。</translation>
    </message>
    <message>
        <source>Comment added to %1.</source>
        <translation>已为 %1 添加评论。</translation>
    </message>
    <message>
        <source>list | show KEY | review KEY | submit KEY | approve KEY | request-changes KEY | reject KEY | reopen KEY | cancel KEY | merge KEY | comment KEY | sign-off KEY</source>
        <translation>list | show KEY | review KEY | submit KEY | approve KEY | request-changes KEY | reject KEY | reopen KEY | cancel KEY | merge KEY | comment KEY | sign-off KEY</translation>
    </message>
    <message>
        <source>A comment recorded with the status change (comment: the text).</source>
        <translation>随状态变更记录的评论（comment 操作：评论内容）。</translation>
    </message>
    <message>
        <source>comment: on one change of the demand, event:KEY or attribute:KEY.</source>
        <translation>comment：针对需求中的某一项变更，event:KEY 或 attribute:KEY。</translation>
    </message>
    <message>
        <source>demand needs an action (list, show, review, submit, approve, request-changes, reject, reopen, cancel, merge, comment, sign-off).</source>
        <translation>demand 需要一个操作（list、show、review、submit、approve、request-changes、reject、reopen、cancel、merge、comment、sign-off）。</translation>
    </message>
    <message>
        <source>demand comment needs --comment TEXT.</source>
        <translation>demand comment 需要 --comment TEXT。</translation>
    </message>
    <message>
        <source>%1 signed off %2.</source>
        <translation>%1 已签核 %2。</translation>
    </message>
    <message>
        <source>No levels set under submitted demands.</source>
        <translation>已提交的需求中没有设置等级。</translation>
    </message>
    <message>
        <source>No level awaits a decision.</source>
        <translation>没有待审批的等级。</translation>
    </message>
    <message numerus="yes">
        <source>%n level(s) approved.</source>
        <translation>
            <numerusform>已批准 %n 个等级。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n level(s) rejected.</source>
        <translation>
            <numerusform>已驳回 %n 个等级。</numerusform>
        </translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: write LEVEL.FIELD=VALUE, e.g. B.sampling_rate=0.2.</source>
        <translation>--set “%1”：请写 LEVEL.FIELD=VALUE，如 B.sampling_rate=0.2。</translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: no policy field &quot;%2&quot;.</source>
        <translation>--set “%1”：没有策略字段“%2”。</translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: %2 is true or false.</source>
        <translation>--set “%1”：%2 只能是 true 或 false。</translation>
    </message>
    <message>
        <source>--set &quot;%1&quot;: %2 is a number.</source>
        <translation>--set “%1”：%2 必须是数字。</translation>
    </message>
    <message>
        <source>--set &quot;%1&quot; is not a valid policy value.</source>
        <translation>--set “%1”不是有效的策略值。</translation>
    </message>
    <message>
        <source>--set: a JSON list of rules such as [{&quot;when&quot;:&quot;core_event&quot;,&quot;approvers&quot;:[&quot;data_steward&quot;,&quot;event_owner&quot;]}]. %1</source>
        <translation>--set：规则的 JSON 列表，如 [{&quot;when&quot;:&quot;core_event&quot;,&quot;approvers&quot;:[&quot;data_steward&quot;,&quot;event_owner&quot;]}]。%1</translation>
    </message>
    <message>
        <source>levels | approve DEMAND [EVENT…] | reject DEMAND [EVENT…] | policy | rules | history | distribution</source>
        <translation>levels | approve DEMAND [EVENT…] | reject DEMAND [EVENT…] | policy | rules | history | distribution</translation>
    </message>
    <message>
        <source>The app (levels: all apps without it).</source>
        <translation>应用（levels：不指定则为全部应用）。</translation>
    </message>
    <message>
        <source>levels: decided ones too.</source>
        <translation>levels：也列出已审批的。</translation>
    </message>
    <message>
        <source>A comment kept with the decision or change.</source>
        <translation>随审批或修改保存的说明。</translation>
    </message>
    <message>
        <source>policy: LEVEL.FIELD=VALUE (repeatable); rules: the new rules as JSON.</source>
        <translation>policy：LEVEL.FIELD=VALUE（可重复）；rules：新规则的 JSON。</translation>
    </message>
    <message>
        <source>Governance: level approvals, the policy and the approval rules.</source>
        <translation>治理：等级审批、治理策略和审批规则。</translation>
    </message>
    <message>
        <source>governance needs an action: %1.</source>
        <translation>governance 需要一个操作：%1。</translation>
    </message>
    <message>
        <source>governance %1 needs a DEMAND key (and optionally EVENT keys).</source>
        <translation>governance %1 需要一个需求编号 DEMAND（可再加事件键 EVENT）。</translation>
    </message>
    <message>
        <source>governance %1 takes no further arguments.</source>
        <translation>governance %1 不接受更多参数。</translation>
    </message>
    <message>
        <source>governance %1 needs --app.</source>
        <translation>governance %1 需要 --app。</translation>
    </message>
    <message>
        <source>Say why: governance reject needs --comment.</source>
        <translation>请说明原因：governance reject 需要 --comment。</translation>
    </message>
    <message>
        <source> (%1 sent the demand)</source>
        <translation>（由 %1 本人提交）</translation>
    </message>
</context>
</TS>
