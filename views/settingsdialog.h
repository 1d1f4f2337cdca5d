#pragma once

#include <QDialog>
#include <QString>

class QComboBox;
class QLabel;
class QSettings;
class QSpinBox;

namespace tp {

/// The desktop app's preferences, as kept in QSettings. The app layer reads them at start
/// and when it opens a store; the settings dialog edits them.
struct DesktopSettings {
    /// Which store opens when TrackPlan starts without --db or $TRACKPLAN_DB.
    enum class StartupStore { LastUsed, DefaultFile };

    static constexpr const char* kLanguageKey = "ui/language";
    static constexpr const char* kPollKey = "store/pollSeconds";
    static constexpr const char* kStartupStoreKey = "store/atStart";
    static constexpr int kDefaultPollSeconds = 3;

    QString language;                      ///< "" = the system's, "en", "zh_CN"
    int pollSeconds = kDefaultPollSeconds; ///< how often to look for changes by others; 0 = never
    StartupStore startupStore = StartupStore::LastUsed;

    [[nodiscard]] static DesktopSettings load(const QSettings& settings);
    void save(QSettings& settings) const;
};

/// File → Settings…: the UI language (used from the next start), how often to look for
/// changes by others, and the store opened at start.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(const DesktopSettings& current, QWidget* parent = nullptr);

    [[nodiscard]] DesktopSettings settings() const;

private:
    void updateLanguageNote();

    QString m_initialLanguage;
    QComboBox* m_language;
    QLabel* m_languageNote;
    QSpinBox* m_poll;
    QComboBox* m_startup;
};

} // namespace tp
