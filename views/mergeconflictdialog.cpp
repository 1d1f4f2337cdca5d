#include "mergeconflictdialog.h"

#include "demandhtml.h"
#include "jsontext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tp {
namespace {

enum Column { EntityColumn, FieldColumn, BaseColumn, TheirsColumn, MineColumn, ChoiceColumn, ColumnCount };

ConflictSides sidesOf(const MergeConflict& c)
{
    return ConflictSides{c.kind, c.base, c.theirs, c.mine};
}

QTableWidgetItem* cell(const QString& text, const QString& tip = {})
{
    auto* item = new QTableWidgetItem(text);
    item->setToolTip(tip.isEmpty() ? text : tip);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

MergeConflictDialog::MergeConflictDialog(const QString& demandKey, const QList<MergeConflict>& conflicts,
                                         const QString& deniedReason, QWidget* parent)
    : QDialog(parent)
    , m_demandKey(demandKey)
    , m_conflicts(conflicts)
{
    setObjectName(QStringLiteral("mergeConflictDialog"));
    setWindowTitle(tr("%1 was not merged").arg(demandKey));
    auto* intro = new QLabel(tr("These events or attributes changed in the plan after the demand edited them; nothing "
                                "was merged. Choose for each field which value the demand takes — keep mine, take "
                                "theirs, or edit it — then apply: the demand is brought up to date and merged again. "
                                "Fields in bold were changed on both sides; where only the plan changed a field, "
                                "theirs is chosen already."),
                             this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("conflictTable"));
    m_table->setHorizontalHeaderLabels({tr("Event or attribute"), tr("Field"),
                                        tr("Base (rev. the demand started from)"), tr("Theirs (in the plan now)"),
                                        tr("Mine (in the demand)"), tr("Take")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    for (int i = 0; i < m_conflicts.size(); ++i) {
        addRows(i);
    }
    m_table->resizeColumnsToContents();
    // The values share what room there is; an entity's name stands once beside its fields.
    for (int column : {BaseColumn, TheirsColumn, MineColumn}) {
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
    }
    m_table->horizontalHeader()->setSectionResizeMode(ChoiceColumn, QHeaderView::ResizeToContents);

    m_valueLabel = new QLabel(this);
    m_valueLabel->setObjectName(QStringLiteral("resolvedValueLabel"));
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("resolvedValueEdit"));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(140);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_editor->setFont(mono);
    m_valueLabel->setBuddy(m_editor);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("resolutionError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #cf222e;"));

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole); // Qt's own translations may be missing
    m_applyButton = buttons->addButton(tr("Apply and merge"), QDialogButtonBox::AcceptRole);
    m_applyButton->setObjectName(QStringLiteral("applyResolutionButton"));
    m_applyButton->setEnabled(deniedReason.isEmpty());
    m_applyButton->setToolTip(
        deniedReason.isEmpty() ? tr("Store these values in the demand's change set and merge it again") : deniedReason);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_applyButton, &QPushButton::clicked, this, &MergeConflictDialog::apply);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &MergeConflictDialog::onRowSelected);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &MergeConflictDialog::onEdited);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_valueLabel);
    layout->addWidget(m_editor);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(1080, 600);
    if (!m_rows.isEmpty()) {
        m_table->selectRow(0);
    }
    onRowSelected();
}

void MergeConflictDialog::addRows(int conflictIndex)
{
    const MergeConflict& c = m_conflicts.at(conflictIndex);
    const ConflictSides sides = sidesOf(c);
    const QString entity = tr("%1 %2 (rev. %3 → %4)")
                               .arg(DemandHtml::kindText(c.kind), c.entityKey)
                               .arg(c.baseRevision)
                               .arg(c.currentRevision);
    const int firstRow = m_table->rowCount();
    const auto addRow = [&](Row row, const QStringList& cells, const QStringList& tips) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        for (int column = 0; column < cells.size(); ++column) {
            m_table->setItem(r, column, cell(cells.at(column), tips.value(column)));
        }
        // The entity's cell spans its fields: selecting one field does not highlight all.
        m_table->item(r, EntityColumn)->setFlags(Qt::ItemIsEnabled);
        row.choice = new QComboBox(m_table);
        row.choice->setObjectName(row.field ? QStringLiteral("resolution_%1_%2").arg(c.entityKey, row.field->field)
                                            : QStringLiteral("resolution_%1").arg(c.entityKey));
        row.choice->addItem(tr("Keep mine"), int(ConflictChoice::Mine));
        row.choice->addItem(tr("Take theirs"), int(ConflictChoice::Theirs));
        if (row.field) {
            row.choice->addItem(tr("Edit"), int(ConflictChoice::Edited));
            row.choice->setCurrentIndex(row.choice->findData(int(row.field->suggested())));
        }
        m_table->setCellWidget(r, ChoiceColumn, row.choice);
        connect(row.choice, &QComboBox::currentIndexChanged, this, [this, r] { onChoiceChanged(r); });
        m_rows.append(row);
    };
    if (isWholeEntityConflict(sides)) {
        const QString removedThere = tr("(removed in the plan)");
        const QString removedHere = tr("(removed by the demand)");
        const QString present = tr("(changed)");
        addRow(Row{conflictIndex, std::nullopt, nullptr, {}},
               {entity, tr("The whole %1").arg(DemandHtml::kindText(c.kind)),
                c.base.isEmpty() ? tr("(new)") : tr("(existed)"), c.theirs.isEmpty() ? removedThere : present,
                c.mine.isEmpty() ? removedHere : present},
               {});
        return;
    }
    const auto spanEntity = qScopeGuard([this, firstRow] {
        if (const int rows = m_table->rowCount() - firstRow; rows > 1) {
            m_table->setSpan(firstRow, EntityColumn, rows, 1);
        }
    });
    for (const ConflictField& f : conflictFields(sides)) {
        const QString why = f.bothChanged() ? tr("Both the plan and the demand changed it.")
            : f.theirsChanged               ? tr("Only the plan changed it since the demand started.")
                                            : tr("Only the demand changed it.");
        addRow(Row{conflictIndex, f, nullptr, {}},
               {entity, fieldLabel(f.field), fieldValueText(f.field, f.base), fieldValueText(f.field, f.theirs),
                fieldValueText(f.field, f.mine)},
               {QString(), why});
        if (f.bothChanged()) {
            QFont bold = m_table->item(m_table->rowCount() - 1, FieldColumn)->font();
            bold.setBold(true);
            m_table->item(m_table->rowCount() - 1, FieldColumn)->setFont(bold);
        }
    }
}

ConflictChoice MergeConflictDialog::choiceOf(const Row& row) const
{
    return static_cast<ConflictChoice>(row.choice->currentData().toInt());
}

QString MergeConflictDialog::rowValueText(const Row& row) const
{
    const MergeConflict& c = m_conflicts.at(row.conflict);
    if (!row.field) {
        const QJsonObject state = resolveConflictState(sidesOf(c), {}, choiceOf(row));
        return state.isEmpty() ? tr("(removed)") : valueEditText(QJsonValue(state), false);
    }
    switch (choiceOf(row)) {
    case ConflictChoice::Mine:
        return valueEditText(row.field->mine, row.field->editsAsText());
    case ConflictChoice::Theirs:
        return valueEditText(row.field->theirs, row.field->editsAsText());
    case ConflictChoice::Edited:
        break;
    }
    return row.editedText;
}

void MergeConflictDialog::onRowSelected()
{
    const int r = m_table->currentRow();
    m_filling = true;
    if (r < 0 || r >= m_rows.size()) {
        m_valueLabel->setText(tr("Select a row to see the value it resolves to."));
        m_editor->clear();
        m_editor->setReadOnly(true);
        m_filling = false;
        return;
    }
    const Row& row = m_rows.at(r);
    const MergeConflict& c = m_conflicts.at(row.conflict);
    const bool editing = row.field && choiceOf(row) == ConflictChoice::Edited;
    const QString what = row.field ? tr("%1 of %2").arg(fieldLabel(row.field->field), c.entityKey) : c.entityKey;
    const QString how = !editing   ? tr("choose Edit to change it")
        : row.field->editsAsText() ? tr("edited as text")
                                   : tr("edited as JSON");
    m_valueLabel->setText(tr("&Value of %1 after the merge (%2):").arg(what, how));
    m_editor->setPlainText(rowValueText(row));
    m_editor->setReadOnly(!editing);
    m_filling = false;
    showError({});
}

void MergeConflictDialog::onChoiceChanged(int r)
{
    Row& row = m_rows[r];
    if (row.field && choiceOf(row) == ConflictChoice::Edited && row.editedText.isEmpty()) {
        // Start from the demand's value: editing is usually "mine, with theirs worked in".
        row.editedText = valueEditText(row.field->mine, row.field->editsAsText());
    }
    m_table->selectRow(r);
    onRowSelected();
    if (row.field && choiceOf(row) == ConflictChoice::Edited) {
        m_editor->setFocus(Qt::OtherFocusReason);
    }
}

void MergeConflictDialog::onEdited()
{
    const int r = m_table->currentRow();
    if (m_filling || r < 0 || r >= m_rows.size() || m_editor->isReadOnly()) {
        return;
    }
    Row& row = m_rows[r];
    row.editedText = m_editor->toPlainText();
    QString error;
    if (!valueFromEditText(row.editedText, row.field->editsAsText(), &error)) {
        showError(error);
    } else {
        showError({});
    }
}

void MergeConflictDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

std::optional<QList<ResolvedConflict>> MergeConflictDialog::resolutions()
{
    QList<ResolvedConflict> out;
    for (int i = 0; i < m_conflicts.size(); ++i) {
        const MergeConflict& c = m_conflicts.at(i);
        QHash<QString, FieldResolution> fields;
        ConflictChoice whole = ConflictChoice::Mine;
        int firstRow = -1;
        for (int r = 0; r < m_rows.size(); ++r) {
            const Row& row = m_rows.at(r);
            if (row.conflict != i) {
                continue;
            }
            firstRow = firstRow < 0 ? r : firstRow;
            if (!row.field) {
                whole = choiceOf(row);
                continue;
            }
            FieldResolution resolution{choiceOf(row), {}};
            if (resolution.choice == ConflictChoice::Edited) {
                QString error;
                const auto value = valueFromEditText(row.editedText, row.field->editsAsText(), &error);
                if (!value) {
                    m_table->selectRow(r);
                    showError(tr("%1 of %2: %3").arg(fieldLabel(row.field->field), c.entityKey, error));
                    return std::nullopt;
                }
                resolution.edited = *value;
            }
            fields.insert(row.field->field, resolution);
        }
        const QJsonObject state = resolveConflictState(sidesOf(c), fields, whole);
        if (const QString error = resolvedStateError(c.kind, state); !error.isEmpty()) {
            m_table->selectRow(firstRow);
            showError(tr("%1 would not be valid: %2").arg(c.entityKey, error));
            return std::nullopt;
        }
        out.append(ResolvedConflict{c.kind, c.entityKey, state, c.currentRevision});
    }
    return out;
}

void MergeConflictDialog::apply()
{
    const auto resolved = resolutions();
    if (!resolved || !m_apply) {
        return;
    }
    if (const QString error = m_apply(*resolved); !error.isEmpty()) {
        showError(error);
        return;
    }
    accept();
}

} // namespace tp
