#pragma once

#include "types.h"

#include <QDialog>
#include <QSet>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace tp {

/// Edits the fields of one event (a new one, or the proposed state of an existing one) with
/// the plan's rules checked as one types: the problems are listed under the form and OK stays
/// disabled while there is an error. The bindings are kept as they are (their editor comes
/// next). `takenKeys` are the normalized keys of the app's other events.
class EventEditorDialog : public QDialog {
    Q_OBJECT
public:
    EventEditorDialog(const Event& event, bool isNew, QSet<QString> takenKeys, const QString& demandKey,
                      QWidget* parent = nullptr);
    /// The event as edited.
    [[nodiscard]] Event event() const;

private:
    void check();

    Event m_original;
    bool m_isNew;
    QSet<QString> m_taken;
    QLineEdit* m_key;
    QLineEdit* m_displayName;
    QPlainTextEdit* m_description;
    QLineEdit* m_trigger;
    QLineEdit* m_category;
    QComboBox* m_level;
    QComboBox* m_status;
    QLineEdit* m_owner;
    QLineEdit* m_platforms;
    QLineEdit* m_tags;
    QLineEdit* m_introducedIn;
    QLabel* m_findings;
    QDialogButtonBox* m_buttons;
};

} // namespace tp
