#include "eventeditor.h"

#include "enumlabels.h"
#include "enums.h"
#include "richtext.h"
#include "rules.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tp {
namespace {

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const QString t = part.trimmed(); !t.isEmpty()) {
            out << t;
        }
    }
    return out;
}

} // namespace

EventEditorDialog::EventEditorDialog(const Event& event, bool isNew, QSet<QString> takenKeys,
                                     QList<Attribute> attributes, const QString& demandKey, QWidget* parent)
    : SavingDialog(parent)
    , m_original(event)
    , m_isNew(isNew)
    , m_taken(std::move(takenKeys))
    , m_key(new QLineEdit(event.key, this))
    , m_displayName(new QLineEdit(event.displayName, this))
    , m_description(new QPlainTextEdit(event.description, this))
    , m_trigger(new QLineEdit(event.trigger, this))
    , m_category(new QLineEdit(event.category, this))
    , m_level(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_owner(new QLineEdit(event.owner, this))
    , m_platforms(new QLineEdit(event.platforms.join(QLatin1String(", ")), this))
    , m_tags(new QLineEdit(event.tags.join(QLatin1String(", ")), this))
    , m_introducedIn(new QLineEdit(event.introducedIn, this))
    , m_attributes(std::move(attributes))
    , m_findings(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("eventEditor"));
    setWindowTitle(isNew ? tr("New event — %1").arg(demandKey) : tr("Edit %1 — %2").arg(event.key, demandKey));
    m_key->setObjectName(QStringLiteral("eventKeyEdit"));
    m_key->setReadOnly(!isNew);
    m_key->setToolTip(isNew ? tr("lower_snake_case: a–z, 0–9 and _, starting with a letter, at most 64 characters")
                            : tr("The key of an event does not change."));
    m_displayName->setObjectName(QStringLiteral("eventDisplayNameEdit"));
    m_description->setObjectName(QStringLiteral("eventDescriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 4 + 12);
    m_trigger->setObjectName(QStringLiteral("eventTriggerEdit"));
    m_category->setObjectName(QStringLiteral("eventCategoryEdit"));
    m_level->setObjectName(QStringLiteral("eventLevelCombo"));
    for (Level l : {Level::A, Level::B, Level::C, Level::D}) {
        m_level->addItem(levelLabel(l), int(l));
        m_level->setItemData(m_level->count() - 1, levelDescription(l), Qt::ToolTipRole);
    }
    m_level->setCurrentIndex(m_level->findData(int(event.level)));
    m_status->setObjectName(QStringLiteral("eventStatusCombo"));
    for (EventStatus s : {EventStatus::Planned, EventStatus::Implementing, EventStatus::Testing, EventStatus::Live,
                          EventStatus::Deprecated, EventStatus::Removed}) {
        m_status->addItem(statusLabel(s), int(s));
    }
    m_status->setCurrentIndex(m_status->findData(int(event.status)));
    m_owner->setObjectName(QStringLiteral("eventOwnerEdit"));
    m_platforms->setObjectName(QStringLiteral("eventPlatformsEdit"));
    m_platforms->setPlaceholderText(QStringLiteral("android, ios, web, miniprogram, server"));
    m_tags->setObjectName(QStringLiteral("eventTagsEdit"));
    m_introducedIn->setObjectName(QStringLiteral("eventIntroducedInEdit"));
    m_findings->setObjectName(QStringLiteral("eventFindings"));
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::RichText);

    auto* form = new QFormLayout;
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("Display &name:"), m_displayName);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Trigger:"), m_trigger);
    form->addRow(tr("&Category:"), m_category);
    form->addRow(tr("&Level:"), m_level);
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("&Platforms:"), m_platforms);
    form->addRow(tr("T&ags:"), m_tags);
    form->addRow(tr("&Introduced in:"), m_introducedIn);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(createBindings(), 1);
    layout->addWidget(m_findings);
    layout->addWidget(saveErrorLabel());
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SavingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit :
         {m_key, m_displayName, m_trigger, m_category, m_owner, m_platforms, m_tags, m_introducedIn}) {
        connect(edit, &QLineEdit::textChanged, this, &EventEditorDialog::check);
    }
    connect(m_description, &QPlainTextEdit::textChanged, this, &EventEditorDialog::check);
    connect(m_level, &QComboBox::currentIndexChanged, this, &EventEditorDialog::check);
    connect(m_status, &QComboBox::currentIndexChanged, this, &EventEditorDialog::check);
    check();
    resize(640, sizeHint().height());
}

QWidget* EventEditorDialog::createBindings()
{
    for (const Attribute& a : std::as_const(m_attributes)) {
        m_byKey.insert(a.key, &a);
    }
    auto* box = new QGroupBox(tr("Attributes, in the order they are reported"), this);
    auto* layout = new QVBoxLayout(box);
    m_bindings = new QTableWidget(0, 3, box);
    m_bindings->setObjectName(QStringLiteral("bindingsTable"));
    m_bindings->setHorizontalHeaderLabels({tr("Attribute"), tr("Required"), tr("Note")});
    m_bindings->horizontalHeader()->setStretchLastSection(true);
    m_bindings->verticalHeader()->setSectionsMovable(false);
    m_bindings->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_bindings->setSelectionMode(QAbstractItemView::SingleSelection);
    for (const Binding& b : std::as_const(m_original.bindings)) {
        appendBindingRow(b);
    }
    m_bindings->resizeColumnToContents(0);
    connect(m_bindings, &QTableWidget::itemChanged, this, &EventEditorDialog::check);
    layout->addWidget(m_bindings, 1);

    auto* row = new QHBoxLayout;
    m_picker = new QComboBox(box);
    m_picker->setObjectName(QStringLiteral("attributePicker"));
    m_picker->setEditable(true);
    m_picker->setInsertPolicy(QComboBox::NoInsert);
    m_picker->setToolTip(tr("Type part of a key or display name"));
    for (const Attribute& a : std::as_const(m_attributes)) {
        if (!a.common) { // common attributes come with every event, unbound
            m_picker->addItem(a.displayName.isEmpty() ? a.key : QStringLiteral("%1  %2").arg(a.key, a.displayName),
                              a.key);
        }
    }
    m_picker->setCurrentIndex(-1);
    m_picker->completer()->setFilterMode(Qt::MatchContains);
    m_picker->completer()->setCompletionMode(QCompleter::PopupCompletion);
    auto* add = new QPushButton(tr("Add"), box);
    add->setObjectName(QStringLiteral("addBindingButton"));
    connect(add, &QPushButton::clicked, this, [this] {
        const int index = m_picker->findText(m_picker->currentText());
        const QString key =
            index >= 0 ? m_picker->itemData(index).toString() : m_picker->currentText().section(QLatin1Char(' '), 0, 0);
        if (addBinding(key)) {
            m_picker->setCurrentIndex(-1);
            m_picker->clearEditText();
        }
    });
    auto* remove = new QPushButton(tr("Remove"), box);
    remove->setObjectName(QStringLiteral("removeBindingButton"));
    connect(remove, &QPushButton::clicked, this, [this] {
        if (const int r = m_bindings->currentRow(); r >= 0) {
            m_bindings->removeRow(r);
            check();
        }
    });
    auto* up = new QPushButton(tr("Up"), box);
    up->setObjectName(QStringLiteral("moveBindingUpButton"));
    connect(up, &QPushButton::clicked, this, [this] { moveBinding(-1); });
    auto* down = new QPushButton(tr("Down"), box);
    down->setObjectName(QStringLiteral("moveBindingDownButton"));
    connect(down, &QPushButton::clicked, this, [this] { moveBinding(1); });
    row->addWidget(m_picker, 1);
    row->addWidget(add);
    row->addSpacing(12);
    row->addWidget(remove);
    row->addWidget(up);
    row->addWidget(down);
    layout->addLayout(row);
    return box;
}

void EventEditorDialog::appendBindingRow(const Binding& binding)
{
    const QSignalBlocker block(m_bindings);
    const int row = m_bindings->rowCount();
    m_bindings->insertRow(row);
    auto* key = new QTableWidgetItem(binding.attributeKey);
    key->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (const Attribute* a = m_byKey.value(binding.attributeKey, nullptr)) {
        key->setToolTip(QStringLiteral("%1 · %2").arg(a->displayName, toString(a->type)));
    }
    auto* required = new QTableWidgetItem;
    required->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    required->setCheckState(binding.required ? Qt::Checked : Qt::Unchecked);
    m_bindings->setItem(row, 0, key);
    m_bindings->setItem(row, 1, required);
    m_bindings->setItem(row, 2, new QTableWidgetItem(binding.note));
}

bool EventEditorDialog::addBinding(const QString& key, bool required)
{
    if (!m_byKey.contains(key)) {
        return false;
    }
    for (const Binding& b : bindings()) {
        if (b.attributeKey == key) {
            return false;
        }
    }
    appendBindingRow({key, required, {}});
    m_bindings->setCurrentCell(m_bindings->rowCount() - 1, 0);
    check();
    return true;
}

void EventEditorDialog::moveBinding(int delta)
{
    const int from = m_bindings->currentRow();
    const int to = from + delta;
    if (from < 0 || to < 0 || to >= m_bindings->rowCount()) {
        return;
    }
    QList<Binding> list = bindings();
    list.move(from, to);
    {
        const QSignalBlocker block(m_bindings);
        m_bindings->setRowCount(0);
    }
    for (const Binding& b : std::as_const(list)) {
        appendBindingRow(b);
    }
    m_bindings->setCurrentCell(to, 0);
    check();
}

QList<Binding> EventEditorDialog::bindings() const
{
    QList<Binding> out;
    if (!m_bindings) {
        return m_original.bindings;
    }
    for (int row = 0; row < m_bindings->rowCount(); ++row) {
        out.append({m_bindings->item(row, 0)->text(), m_bindings->item(row, 1)->checkState() == Qt::Checked,
                    m_bindings->item(row, 2)->text().trimmed()});
    }
    return out;
}

Event EventEditorDialog::event() const
{
    Event e = m_original;
    e.key = m_key->text().trimmed();
    e.displayName = m_displayName->text().trimmed();
    e.description = m_description->toPlainText().trimmed();
    e.trigger = m_trigger->text().trimmed();
    e.category = m_category->text().trimmed();
    e.level = static_cast<Level>(m_level->currentData().toInt());
    e.status = static_cast<EventStatus>(m_status->currentData().toInt());
    e.owner = m_owner->text().trimmed();
    e.platforms = splitList(m_platforms->text());
    e.tags = splitList(m_tags->text());
    e.introducedIn = m_introducedIn->text().trimmed();
    e.bindings = bindings();
    return e;
}

void EventEditorDialog::check()
{
    const Event e = event();
    QList<Finding> findings = validateEvent(e, [this](const QString& key) { return m_byKey.value(key, nullptr); });
    if (m_isNew && isValidKey(e.key) && m_taken.contains(normalizedKey(e.key))) {
        Finding f;
        f.severity = Finding::Severity::Error;
        f.field = QStringLiteral("key");
        f.message = tr("Another event of this app has the key \"%1\" (ignoring case and separators).").arg(e.key);
        findings.prepend(f);
    }
    m_findings->setText(richtext::findingsHtml(findings));
    m_findings->setVisible(!findings.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!hasErrors(findings));
}

} // namespace tp
