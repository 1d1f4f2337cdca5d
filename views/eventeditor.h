#pragma once

#include "savingdialog.h"
#include "types.h"

#include <QHash>
#include <QSet>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace tp {

/// Edits one event (a new one, or the proposed state of an existing one) with the plan's rules
/// checked as one types: the problems are listed under the form and OK stays disabled while
/// there is an error. The ordered attribute bindings: add from the app's attributes (type to
/// search key or display name), required toggle, note, move up/down, remove. `takenKeys` are
/// the normalized keys of the app's other events; `attributes` the app's attributes.
class EventEditorDialog : public SavingDialog {
    Q_OBJECT
public:
    EventEditorDialog(const Event& event, bool isNew, QSet<QString> takenKeys, QList<Attribute> attributes,
                      const QString& demandKey, QWidget* parent = nullptr);
    /// The event as edited.
    [[nodiscard]] Event event() const;

    /// Adds a binding of the attribute `key` (as the Add button does); false if it is unknown
    /// or bound already.
    bool addBinding(const QString& key, bool required = false);

private:
    void check();
    QWidget* createBindings();
    void appendBindingRow(const Binding& binding);
    void moveBinding(int delta);
    [[nodiscard]] QList<Binding> bindings() const;

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
    QList<Attribute> m_attributes;
    QHash<QString, const Attribute*> m_byKey;
    QTableWidget* m_bindings = nullptr;
    QComboBox* m_picker = nullptr;
    QLabel* m_findings;
    QDialogButtonBox* m_buttons;
};

} // namespace tp
