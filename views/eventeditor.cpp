#include "eventeditor.h"

#include "enumlabels.h"
#include "rules.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
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

EventEditorDialog::EventEditorDialog(const Event& event, bool isNew, QSet<QString> takenKeys, const QString& demandKey,
                                     QWidget* parent)
    : QDialog(parent)
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
    layout->addWidget(m_findings);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit :
         {m_key, m_displayName, m_trigger, m_category, m_owner, m_platforms, m_tags, m_introducedIn}) {
        connect(edit, &QLineEdit::textChanged, this, &EventEditorDialog::check);
    }
    connect(m_description, &QPlainTextEdit::textChanged, this, &EventEditorDialog::check);
    connect(m_level, &QComboBox::currentIndexChanged, this, &EventEditorDialog::check);
    connect(m_status, &QComboBox::currentIndexChanged, this, &EventEditorDialog::check);
    check();
    resize(560, sizeHint().height());
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
    return e;
}

void EventEditorDialog::check()
{
    const Event e = event();
    QList<Finding> findings = validateEvent(e, {}); // bindings are unchanged here
    if (m_isNew && isValidKey(e.key) && m_taken.contains(normalizedKey(e.key))) {
        Finding f;
        f.severity = Finding::Severity::Error;
        f.field = QStringLiteral("key");
        f.message = tr("Another event of this app has the key \"%1\" (ignoring case and separators).").arg(e.key);
        findings.prepend(f);
    }
    QStringList lines;
    for (const Finding& f : std::as_const(findings)) {
        const bool error = f.severity == Finding::Severity::Error;
        lines << QStringLiteral("<span style='color:%1'>%2 %3</span>")
                     .arg(error ? QStringLiteral("#cf222e") : QStringLiteral("#9a6700"),
                          error ? QStringLiteral("✖") : QStringLiteral("⚠"), f.message.toHtmlEscaped());
    }
    m_findings->setText(lines.join(QLatin1String("<br>")));
    m_findings->setVisible(!lines.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!hasErrors(findings));
}

} // namespace tp
