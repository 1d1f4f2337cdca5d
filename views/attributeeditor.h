#pragma once

#include "savingdialog.h"
#include "types.h"

#include <QSet>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QWidget;

namespace tp {

/// Edits one attribute (a new one, or the proposed state of an existing one). The constraint
/// fields follow the type: enum values with labels for an enum, a pattern with a live test
/// field for text, min/max for numbers, a maximum length for text. The plan's rules, the
/// example against type and constraints included, are checked as one types; OK waits for
/// errors. `takenKeys` are the normalized keys of the app's other attributes.
class AttributeEditorDialog : public SavingDialog {
    Q_OBJECT
public:
    AttributeEditorDialog(const Attribute& attribute, bool isNew, QSet<QString> takenKeys, const QString& demandKey,
                          QWidget* parent = nullptr);
    [[nodiscard]] Attribute attribute() const;

private:
    void check();
    void updateConstraintFields();
    void updatePatternTest();

    Attribute m_original;
    bool m_isNew;
    QSet<QString> m_taken;
    QLineEdit* m_key;
    QLineEdit* m_displayName;
    QPlainTextEdit* m_description;
    QComboBox* m_type;
    QWidget* m_enumBox;
    QTableWidget* m_enumValues;
    QLineEdit* m_pattern;
    QLineEdit* m_patternTest;
    QLabel* m_patternResult;
    QLineEdit* m_min;
    QLineEdit* m_max;
    QSpinBox* m_maxLength;
    QLineEdit* m_unit;
    QLineEdit* m_example;
    QComboBox* m_privacy;
    QLineEdit* m_groups;
    QCheckBox* m_common;
    QLabel* m_findings;
    QDialogButtonBox* m_buttons;
};

} // namespace tp
