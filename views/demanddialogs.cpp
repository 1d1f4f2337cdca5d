#include "demanddialogs.h"

#include "enumlabels.h"
#include "jsontext.h"
#include "plandiff.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tp {

NewDemandDialog::NewDemandDialog(const QString& owner, const QStringList& planningVersions, QWidget* parent)
    : SavingDialog(parent)
    , m_title(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_owner(new QLineEdit(owner, this))
    , m_priority(new QComboBox(this))
    , m_link(new QLineEdit(this))
    , m_version(new QComboBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newDemandDialog"));
    setWindowTitle(tr("New demand"));
    m_title->setObjectName(QStringLiteral("demandTitleEdit"));
    m_title->setPlaceholderText(tr("What the product needs, in a few words"));
    m_description->setObjectName(QStringLiteral("demandDescriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_owner->setObjectName(QStringLiteral("demandOwnerEdit"));
    m_priority->setObjectName(QStringLiteral("demandPriorityCombo"));
    for (Priority p : {Priority::P0, Priority::P1, Priority::P2, Priority::P3}) {
        m_priority->addItem(priorityLabel(p), int(p));
    }
    m_priority->setCurrentIndex(2);
    m_link->setObjectName(QStringLiteral("demandLinkEdit"));
    m_link->setPlaceholderText(tr("https://… (ticket or document)"));
    m_version->setObjectName(QStringLiteral("demandVersionCombo"));
    m_version->addItem(tr("No version yet"), QString());
    for (const QString& v : planningVersions) {
        m_version->addItem(v, v);
    }
    auto* form = new QFormLayout;
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("&Priority:"), m_priority);
    form->addRow(tr("&Link:"), m_link);
    form->addRow(tr("Target &version:"), m_version);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(saveErrorLabel());
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SavingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_title, &QLineEdit::textChanged, this, &NewDemandDialog::updateOk);
    updateOk();
    resize(520, sizeHint().height());
}

void NewDemandDialog::updateOk()
{
    QPushButton* ok = m_buttons->button(QDialogButtonBox::Ok);
    const bool hasTitle = !m_title->text().trimmed().isEmpty();
    ok->setEnabled(hasTitle);
    ok->setToolTip(hasTitle ? QString() : tr("A demand needs a title."));
}

Demand NewDemandDialog::demand() const
{
    Demand d;
    d.title = m_title->text().trimmed();
    d.description = m_description->toPlainText().trimmed();
    d.owner = m_owner->text().trimmed();
    d.priority = static_cast<Priority>(m_priority->currentData().toInt());
    d.externalLink = m_link->text().trimmed();
    if (const QString v = m_version->currentData().toString(); !v.isEmpty()) {
        d.targetVersions = {v};
    }
    return d;
}

MergeConflictDialog::MergeConflictDialog(const QString& demandKey, const QList<MergeConflict>& conflicts,
                                         QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("mergeConflictDialog"));
    setWindowTitle(tr("%1 was not merged").arg(demandKey));
    auto* intro = new QLabel(tr("These events or attributes changed in the plan after the demand edited them. "
                                "Nothing was merged. Reopen the demand, bring its changes up to date, and merge "
                                "again."),
                             this);
    intro->setWordWrap(true);
    auto* table = new QTableWidget(this);
    table->setObjectName(QStringLiteral("conflictTable"));
    table->setColumnCount(5);
    table->setHorizontalHeaderLabels({tr("Event or attribute"), tr("Field"), tr("Base (rev. the demand started from)"),
                                      tr("Theirs (in the plan now)"), tr("Mine (in the demand)")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    for (const MergeConflict& c : conflicts) {
        QSet<QString> fields;
        for (const FieldChange& f : diffObjects(c.base, c.theirs)) {
            fields.insert(f.field);
        }
        for (const FieldChange& f : diffObjects(c.base, c.mine)) {
            fields.insert(f.field);
        }
        QStringList sorted(fields.cbegin(), fields.cend());
        sorted.sort();
        const QString entity = tr("%1 %2 (rev. %3 → %4)")
                                   .arg(c.kind == EntityKind::Event ? tr("event") : tr("attribute"), c.entityKey)
                                   .arg(c.baseRevision)
                                   .arg(c.currentRevision);
        for (const QString& field : std::as_const(sorted)) {
            const int row = table->rowCount();
            table->insertRow(row);
            const QStringList cells{entity, fieldLabel(field), fieldValueText(field, c.base.value(field)),
                                    fieldValueText(field, c.theirs.value(field)),
                                    fieldValueText(field, c.mine.value(field))};
            for (int column = 0; column < cells.size(); ++column) {
                auto* item = new QTableWidgetItem(cells.at(column));
                item->setToolTip(cells.at(column));
                table->setItem(row, column, item);
            }
        }
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(table, 1);
    layout->addWidget(buttons);
    resize(900, 420);
}

} // namespace tp
