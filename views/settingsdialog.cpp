#include "settingsdialog.h"

#include "storeurl.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace tp {
namespace {

QString key(const char* name)
{
    return QString::fromLatin1(name);
}

} // namespace

DesktopSettings DesktopSettings::load(const QSettings& settings)
{
    DesktopSettings s;
    s.language = settings.value(key(kLanguageKey)).toString();
    bool ok = false;
    const int poll = settings.value(key(kPollKey), kDefaultPollSeconds).toInt(&ok);
    s.pollSeconds = ok ? std::clamp(poll, 0, 3600) : kDefaultPollSeconds;
    s.startupStore = settings.value(key(kStartupStoreKey)).toString() == QLatin1String("default")
        ? StartupStore::DefaultFile
        : StartupStore::LastUsed;
    return s;
}

void DesktopSettings::save(QSettings& settings) const
{
    settings.setValue(key(kLanguageKey), language);
    settings.setValue(key(kPollKey), pollSeconds);
    settings.setValue(key(kStartupStoreKey),
                      startupStore == StartupStore::DefaultFile ? QStringLiteral("default") : QStringLiteral("last"));
}

SettingsDialog::SettingsDialog(const DesktopSettings& current, QWidget* parent)
    : QDialog(parent)
    , m_initialLanguage(current.language)
    , m_language(new QComboBox(this))
    , m_languageNote(new QLabel(this))
    , m_poll(new QSpinBox(this))
    , m_startup(new QComboBox(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));

    m_language->setObjectName(QStringLiteral("languageCombo"));
    // Language names in their own language, so that whoever reads them finds theirs.
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(current.language)));
    m_languageNote->setObjectName(QStringLiteral("languageNoteLabel"));
    m_languageNote->setWordWrap(true);
    m_languageNote->setStyleSheet(QStringLiteral("color: palette(dark);"));

    m_poll->setObjectName(QStringLiteral("pollIntervalSpin"));
    m_poll->setRange(0, 3600);
    m_poll->setSpecialValueText(tr("Never"));
    m_poll->setSuffix(tr(" s"));
    m_poll->setValue(current.pollSeconds);
    m_poll->setToolTip(tr("How often TrackPlan looks for changes made by others (another window, another client "
                          "of the shared store) and shows them."));

    m_startup->setObjectName(QStringLiteral("startupStoreCombo"));
    m_startup->addItem(tr("The store used last"), int(DesktopSettings::StartupStore::LastUsed));
    m_startup->addItem(tr("The default file (%1)").arg(defaultStorePath()),
                       int(DesktopSettings::StartupStore::DefaultFile));
    m_startup->setCurrentIndex(current.startupStore == DesktopSettings::StartupStore::DefaultFile ? 1 : 0);
    m_startup->setToolTip(tr("--db and $TRACKPLAN_DB still choose the store when given."));

    auto* form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_languageNote);
    form->addRow(tr("Look for &changes by others every:"), m_poll);
    form->addRow(tr("&Store at start:"), m_startup);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateLanguageNote);
    updateLanguageNote();
    resize(560, sizeHint().height());
}

void SettingsDialog::updateLanguageNote()
{
    const bool changed = m_language->currentData().toString() != m_initialLanguage;
    m_languageNote->setText(changed ? tr("The new language shows when TrackPlan starts again.") : QString());
    m_languageNote->setVisible(changed);
}

DesktopSettings SettingsDialog::settings() const
{
    DesktopSettings s;
    s.language = m_language->currentData().toString();
    s.pollSeconds = m_poll->value();
    s.startupStore = static_cast<DesktopSettings::StartupStore>(m_startup->currentData().toInt());
    return s;
}

} // namespace tp
