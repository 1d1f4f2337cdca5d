#include "policyeditor.h"

#include "approvalrulesmodel.h"
#include "commentdialog.h"
#include "governancecatalog.h"
#include "plancatalog.h"
#include "policytablemodel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace tp {
namespace {

/// Marks the settings changed since the policy was loaded (not saved yet) in amber.
class EditedDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(PolicyTableModel::ModifiedRole).toBool()) {
            option->backgroundBrush = QColor(0xff, 0xe8, 0xa3);
        }
    }
};

/// Edits the sampling rate as a percentage 0–100.
class PercentDelegate : public EditedDelegate {
public:
    using EditedDelegate::EditedDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* box = new QDoubleSpinBox(parent);
        box->setObjectName(QStringLiteral("samplingEditor"));
        box->setRange(0.0, 100.0);
        box->setDecimals(1);
        box->setSingleStep(5.0);
        box->setSuffix(QStringLiteral(" %"));
        return box;
    }
};

/// Chooses a rule's condition from the known ones.
class ConditionDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("conditionEditor"));
        for (ApprovalCondition c : allApprovalConditions()) {
            combo->addItem(conditionLabel(c), int(c));
        }
        return combo;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        auto* combo = static_cast<QComboBox*>(editor);
        combo->setCurrentIndex(std::max(0, combo->findData(index.data(Qt::EditRole))));
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        model->setData(index, static_cast<QComboBox*>(editor)->currentData(), Qt::EditRole);
    }
};

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                           | QAbstractItemView::SelectedClicked);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->setWordWrap(false);
    return table;
}

QPushButton* makeButton(const QString& text, const QString& name, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setObjectName(name);
    return button;
}

} // namespace

PolicyEditor::PolicyEditor(PlanCatalog* plan, GovernanceCatalog* governance, QWidget* parent)
    : QWidget(parent)
    , m_plan(plan)
    , m_governance(governance)
{
    setObjectName(QStringLiteral("policyEditor"));
    PolicyTableModel* policy = governance->policyModel();
    ApprovalRulesModel* rules = governance->rulesModel();

    m_readOnlyNote = new QLabel(this);
    m_readOnlyNote->setObjectName(QStringLiteral("policyReadOnlyNote"));
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setStyleSheet(
        QStringLiteral("background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 4px; padding: 6px;"));
    m_readOnlyNote->hide();

    auto* policyBox = new QGroupBox(tr("Policy per level"), this);
    auto* policyIntro = new QLabel(tr("What each governance level means for collection. Publishing compiles "
                                      "it into the routing rules the collection services follow."),
                                   policyBox);
    policyIntro->setWordWrap(true);
    m_policyTable = makeTable(policy, QStringLiteral("policyTable"), policyBox);
    m_policyTable->setSelectionBehavior(QAbstractItemView::SelectItems); // a grid of settings
    m_policyTable->setItemDelegate(new EditedDelegate(m_policyTable));
    m_policyTable->setItemDelegateForColumn(PolicyTableModel::SamplingColumn, new PercentDelegate(m_policyTable));
    // The settings share the width evenly; the level names take what they need.
    m_policyTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_policyTable->horizontalHeader()->setSectionResizeMode(PolicyTableModel::LevelColumn,
                                                            QHeaderView::ResizeToContents);
    m_policyTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_savePolicy = makeButton(tr("Save policy…"), QStringLiteral("savePolicyButton"), policyBox);
    m_revertPolicy = makeButton(tr("Discard changes"), QStringLiteral("revertPolicyButton"), policyBox);
    auto* policyButtons = new QHBoxLayout;
    policyButtons->addStretch(1);
    policyButtons->addWidget(m_revertPolicy);
    policyButtons->addWidget(m_savePolicy);
    auto* policyLayout = new QVBoxLayout(policyBox);
    policyLayout->addWidget(policyIntro);
    policyLayout->addWidget(m_policyTable);
    policyLayout->addLayout(policyButtons);

    auto* rulesBox = new QGroupBox(tr("Approval rules"), this);
    auto* rulesIntro = new QLabel(tr("Who must approve a demand before it can merge, by what it changes. "
                                     "Every rule that applies must be met; a level change also needs a data "
                                     "steward's decision on the level."),
                                  rulesBox);
    rulesIntro->setWordWrap(true);
    m_rulesTable = makeTable(rules, QStringLiteral("rulesTable"), rulesBox);
    m_rulesTable->setItemDelegateForColumn(ApprovalRulesModel::ConditionColumn, new ConditionDelegate(m_rulesTable));
    m_rulesTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rulesTable->horizontalHeader()->setStretchLastSection(true);
    m_addRule = makeButton(tr("Add rule"), QStringLiteral("addRuleButton"), rulesBox);
    m_removeRule = makeButton(tr("Remove rule"), QStringLiteral("removeRuleButton"), rulesBox);
    m_saveRules = makeButton(tr("Save rules…"), QStringLiteral("saveRulesButton"), rulesBox);
    m_revertRules = makeButton(tr("Discard changes"), QStringLiteral("revertRulesButton"), rulesBox);
    auto* rulesButtons = new QHBoxLayout;
    rulesButtons->addWidget(m_addRule);
    rulesButtons->addWidget(m_removeRule);
    rulesButtons->addStretch(1);
    rulesButtons->addWidget(m_revertRules);
    rulesButtons->addWidget(m_saveRules);
    auto* rulesLayout = new QVBoxLayout(rulesBox);
    rulesLayout->addWidget(rulesIntro);
    rulesLayout->addWidget(m_rulesTable, 1);
    rulesLayout->addLayout(rulesButtons);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("policyMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_readOnlyNote);
    layout->addWidget(policyBox);
    layout->addWidget(rulesBox, 1);
    layout->addWidget(m_message);

    connect(m_savePolicy, &QPushButton::clicked, this, &PolicyEditor::savePolicy);
    connect(m_saveRules, &QPushButton::clicked, this, &PolicyEditor::saveRules);
    connect(m_revertPolicy, &QPushButton::clicked, this, [this] {
        m_governance->policyModel()->setPolicy(m_governance->policyModel()->savedPolicy());
        say(tr("The policy shows what is saved again."), false);
    });
    connect(m_revertRules, &QPushButton::clicked, this, [this] {
        m_governance->rulesModel()->setRules(m_governance->rulesModel()->savedRules());
        say(tr("The rules show what is saved again."), false);
    });
    connect(m_addRule, &QPushButton::clicked, this, [this] {
        const int row = m_governance->rulesModel()->addRule();
        if (row >= 0) {
            const QModelIndex condition = m_governance->rulesModel()->index(row, ApprovalRulesModel::ConditionColumn);
            m_rulesTable->setCurrentIndex(condition);
            m_rulesTable->edit(condition);
        }
    });
    connect(m_removeRule, &QPushButton::clicked, this,
            [this] { m_governance->rulesModel()->removeRule(m_rulesTable->currentIndex().row()); });
    connect(policy, &PolicyTableModel::modifiedChanged, this, &PolicyEditor::updateButtons);
    connect(rules, &ApprovalRulesModel::modifiedChanged, this, &PolicyEditor::updateButtons);
    connect(policy, &QAbstractItemModel::modelReset, this, [this] {
        // Four rows, no scrolling: the table is as high as they are.
        m_policyTable->resizeRowsToContents();
        int height = m_policyTable->horizontalHeader()->sizeHint().height() + 2 * m_policyTable->frameWidth();
        for (int row = 0; row < m_policyTable->model()->rowCount(); ++row) {
            height += m_policyTable->rowHeight(row);
        }
        m_policyTable->setFixedHeight(height + 2);
    });
    connect(m_rulesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PolicyEditor::updateButtons);
    updatePermissions();
}

void PolicyEditor::updatePermissions()
{
    m_denied = m_plan->deniedReason(Permission::EditPolicy);
    const bool may = m_denied.isEmpty();
    m_governance->policyModel()->setEditable(may);
    m_governance->rulesModel()->setEditable(may);
    m_readOnlyNote->setText(tr("Read only: %1").arg(m_denied));
    m_readOnlyNote->setVisible(!may);
    updateButtons();
}

void PolicyEditor::updateButtons()
{
    const bool may = m_denied.isEmpty();
    const bool haveApp = !m_governance->appKey().isEmpty();
    const bool policyModified = m_governance->policyModel()->isModified();
    const bool rulesModified = m_governance->rulesModel()->isModified();
    const auto set = [&](QPushButton* button, bool enabled, const QString& why) {
        button->setEnabled(may && haveApp && enabled);
        button->setToolTip(!may ? m_denied : enabled ? QString() : why);
    };
    const QString unchanged = tr("Nothing changed yet.");
    set(m_savePolicy, policyModified, unchanged);
    set(m_revertPolicy, policyModified, unchanged);
    set(m_saveRules, rulesModified, unchanged);
    set(m_revertRules, rulesModified, unchanged);
    set(m_addRule, true, QString());
    set(m_removeRule, m_rulesTable->currentIndex().isValid(), tr("Select a rule first."));
}

void PolicyEditor::say(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #cf222e;") : QString());
    m_message->setText(text);
}

QString PolicyEditor::finishSave(const QString& what, const std::optional<Error>& error)
{
    if (!error) {
        say(tr("%1 saved; the History tab lists the change.").arg(what), false);
        return {};
    }
    if (error->code == Error::Code::Conflict) {
        // Nothing was written, and the editor shows what is stored now: the dialog closes so
        // that OK cannot save that state again as if it were the user's edit.
        say(tr("%1 not saved: someone else changed it meanwhile, and nothing was written over their change. "
               "The editor now shows what is stored; make your change again if it is still needed.")
                .arg(what),
            true);
        return {};
    }
    return error->message;
}

void PolicyEditor::savePolicy()
{
    auto* dialog = new CommentDialog(
        tr("Save the policy"),
        tr("The new policy applies to the next publication of <b>%1</b>.").arg(m_governance->appKey().toHtmlEscaped()),
        tr("Save"), this);
    dialog->setObjectName(QStringLiteral("policySaveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSaveAction([this, dialog] {
        auto saved = m_governance->savePolicy(dialog->comment());
        return finishSave(tr("The policy"), saved ? std::nullopt : std::optional<Error>(saved.error()));
    });
    dialog->open();
}

void PolicyEditor::saveRules()
{
    auto* dialog = new CommentDialog(tr("Save the approval rules"),
                                     tr("The new rules apply to the demands of <b>%1</b> from now on, those in "
                                        "review included.")
                                         .arg(m_governance->appKey().toHtmlEscaped()),
                                     tr("Save"), this);
    dialog->setObjectName(QStringLiteral("rulesSaveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSaveAction([this, dialog] {
        auto saved = m_governance->saveRules(dialog->comment());
        return finishSave(tr("The approval rules"), saved ? std::nullopt : std::optional<Error>(saved.error()));
    });
    dialog->open();
}

} // namespace tp
