#include "attributeeditor.h"

#include "enumlabels.h"
#include "enums.h"
#include "richtext.h"
#include "rules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tp {
namespace {

std::optional<double> numberOrNone(const QLineEdit* edit)
{
    bool ok = false;
    const double v = QLocale::c().toDouble(edit->text().trimmed(), &ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

QString numberText(const std::optional<double>& v)
{
    return v ? QLocale::c().toString(*v, 'g', 15) : QString();
}

} // namespace

AttributeEditorDialog::AttributeEditorDialog(const Attribute& attribute, bool isNew, QSet<QString> takenKeys,
                                             const QString& demandKey, QWidget* parent)
    : SavingDialog(parent)
    , m_original(attribute)
    , m_isNew(isNew)
    , m_taken(std::move(takenKeys))
    , m_key(new QLineEdit(attribute.key, this))
    , m_displayName(new QLineEdit(attribute.displayName, this))
    , m_description(new QPlainTextEdit(attribute.description, this))
    , m_type(new QComboBox(this))
    , m_enumBox(new QWidget(this))
    , m_enumValues(new QTableWidget(0, 2, m_enumBox))
    , m_pattern(new QLineEdit(attribute.pattern, this))
    , m_patternTest(new QLineEdit(this))
    , m_patternResult(new QLabel(this))
    , m_min(new QLineEdit(numberText(attribute.minValue), this))
    , m_max(new QLineEdit(numberText(attribute.maxValue), this))
    , m_maxLength(new QSpinBox(this))
    , m_unit(new QLineEdit(attribute.unit, this))
    , m_example(new QLineEdit(attribute.example, this))
    , m_privacy(new QComboBox(this))
    , m_groups(new QLineEdit(attribute.groups.join(QLatin1String(", ")), this))
    , m_common(new QCheckBox(tr("Carried by every event of the app"), this))
    , m_findings(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("attributeEditor"));
    setWindowTitle(isNew ? tr("New attribute — %1").arg(demandKey) : tr("Edit %1 — %2").arg(attribute.key, demandKey));
    m_key->setObjectName(QStringLiteral("attributeKeyEdit"));
    m_key->setReadOnly(!isNew);
    m_displayName->setObjectName(QStringLiteral("attributeDisplayNameEdit"));
    m_description->setObjectName(QStringLiteral("attributeDescriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    m_type->setObjectName(QStringLiteral("attributeTypeCombo"));
    for (AttrType t : {AttrType::String, AttrType::Integer, AttrType::Number, AttrType::Boolean, AttrType::DateTime,
                       AttrType::Enum, AttrType::ArrayString, AttrType::ArrayInteger, AttrType::ArrayNumber}) {
        m_type->addItem(toString(t), int(t));
    }
    m_type->setCurrentIndex(m_type->findData(int(attribute.type)));

    m_enumValues->setObjectName(QStringLiteral("enumValuesTable"));
    m_enumValues->setHorizontalHeaderLabels({tr("Value"), tr("Label")});
    m_enumValues->horizontalHeader()->setStretchLastSection(true);
    m_enumValues->verticalHeader()->hide();
    for (const EnumValue& v : attribute.enumValues) {
        const int row = m_enumValues->rowCount();
        m_enumValues->insertRow(row);
        m_enumValues->setItem(row, 0, new QTableWidgetItem(v.value));
        m_enumValues->setItem(row, 1, new QTableWidgetItem(v.label));
    }
    auto* addValue = new QPushButton(tr("Add value"), m_enumBox);
    addValue->setObjectName(QStringLiteral("addEnumValueButton"));
    connect(addValue, &QPushButton::clicked, this, [this] {
        const int row = m_enumValues->rowCount();
        m_enumValues->insertRow(row);
        m_enumValues->setItem(row, 0, new QTableWidgetItem);
        m_enumValues->setItem(row, 1, new QTableWidgetItem);
        m_enumValues->editItem(m_enumValues->item(row, 0));
    });
    auto* removeValue = new QPushButton(tr("Remove value"), m_enumBox);
    removeValue->setObjectName(QStringLiteral("removeEnumValueButton"));
    connect(removeValue, &QPushButton::clicked, this, [this] {
        if (const int row = m_enumValues->currentRow(); row >= 0) {
            m_enumValues->removeRow(row);
            check();
        }
    });
    auto* enumLayout = new QVBoxLayout(m_enumBox);
    enumLayout->setContentsMargins(0, 0, 0, 0);
    enumLayout->addWidget(m_enumValues);
    auto* enumButtons = new QHBoxLayout;
    enumButtons->addWidget(addValue);
    enumButtons->addWidget(removeValue);
    enumButtons->addStretch(1);
    enumLayout->addLayout(enumButtons);
    m_enumValues->setFixedHeight(m_enumValues->fontMetrics().lineSpacing() * 7);
    connect(m_enumValues, &QTableWidget::itemChanged, this, &AttributeEditorDialog::check);

    m_pattern->setObjectName(QStringLiteral("attributePatternEdit"));
    m_pattern->setPlaceholderText(tr("a regular expression the value must contain a match of"));
    m_patternTest->setObjectName(QStringLiteral("patternTestEdit"));
    m_patternTest->setPlaceholderText(tr("try a value here"));
    m_patternResult->setObjectName(QStringLiteral("patternTestResult"));
    m_min->setObjectName(QStringLiteral("attributeMinEdit"));
    m_max->setObjectName(QStringLiteral("attributeMaxEdit"));
    m_maxLength->setObjectName(QStringLiteral("attributeMaxLengthSpin"));
    m_maxLength->setRange(0, 1000000);
    m_maxLength->setSpecialValueText(tr("no limit"));
    m_maxLength->setValue(attribute.maxLength.value_or(0));
    m_example->setObjectName(QStringLiteral("attributeExampleEdit"));
    m_privacy->setObjectName(QStringLiteral("attributePrivacyCombo"));
    for (Privacy p : {Privacy::None, Privacy::Pseudonymous, Privacy::Personal, Privacy::Sensitive}) {
        m_privacy->addItem(privacyLabel(p), int(p));
    }
    m_privacy->setCurrentIndex(m_privacy->findData(int(attribute.privacy)));
    m_groups->setObjectName(QStringLiteral("attributeGroupsEdit"));
    m_common->setObjectName(QStringLiteral("attributeCommonCheck"));
    m_common->setChecked(attribute.common);
    m_findings->setObjectName(QStringLiteral("attributeFindings"));
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::RichText);

    auto* patternRow = new QHBoxLayout;
    patternRow->addWidget(m_patternTest, 1);
    patternRow->addWidget(m_patternResult);
    auto* range = new QHBoxLayout;
    range->addWidget(new QLabel(tr("min"), this));
    range->addWidget(m_min);
    range->addWidget(new QLabel(tr("max"), this));
    range->addWidget(m_max);
    auto* form = new QFormLayout;
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("Display &name:"), m_displayName);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Type:"), m_type);
    form->addRow(tr("Enum values:"), m_enumBox);
    form->addRow(tr("&Pattern:"), m_pattern);
    form->addRow(tr("Test the pattern:"), patternRow);
    form->addRow(tr("Range:"), range);
    form->addRow(tr("Max &length:"), m_maxLength);
    form->addRow(tr("&Unit:"), m_unit);
    form->addRow(tr("&Example:"), m_example);
    form->addRow(tr("P&rivacy:"), m_privacy);
    form->addRow(tr("&Groups:"), m_groups);
    form->addRow(QString(), m_common);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_findings);
    layout->addWidget(saveErrorLabel());
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SavingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit : {m_key, m_displayName, m_pattern, m_min, m_max, m_unit, m_example, m_groups}) {
        connect(edit, &QLineEdit::textChanged, this, &AttributeEditorDialog::check);
    }
    connect(m_pattern, &QLineEdit::textChanged, this, &AttributeEditorDialog::updatePatternTest);
    connect(m_patternTest, &QLineEdit::textChanged, this, &AttributeEditorDialog::updatePatternTest);
    connect(m_description, &QPlainTextEdit::textChanged, this, &AttributeEditorDialog::check);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        updateConstraintFields();
        check();
    });
    connect(m_maxLength, &QSpinBox::valueChanged, this, &AttributeEditorDialog::check);
    connect(m_privacy, &QComboBox::currentIndexChanged, this, &AttributeEditorDialog::check);
    connect(m_common, &QCheckBox::toggled, this, &AttributeEditorDialog::check);
    updateConstraintFields();
    updatePatternTest();
    check();
    resize(600, sizeHint().height());
}

Attribute AttributeEditorDialog::attribute() const
{
    Attribute a = m_original;
    a.key = m_key->text().trimmed();
    a.displayName = m_displayName->text().trimmed();
    a.description = m_description->toPlainText().trimmed();
    a.type = static_cast<AttrType>(m_type->currentData().toInt());
    a.enumValues.clear();
    if (allowsEnumValues(a.type)) {
        for (int row = 0; row < m_enumValues->rowCount(); ++row) {
            const QTableWidgetItem* value = m_enumValues->item(row, 0);
            const QTableWidgetItem* label = m_enumValues->item(row, 1);
            if (value && !value->text().trimmed().isEmpty()) {
                a.enumValues.append({value->text().trimmed(), label ? label->text().trimmed() : QString()});
            }
        }
    }
    a.pattern = allowsPattern(a.type) ? m_pattern->text() : QString();
    a.minValue = allowsRange(a.type) ? numberOrNone(m_min) : std::nullopt;
    a.maxValue = allowsRange(a.type) ? numberOrNone(m_max) : std::nullopt;
    a.maxLength =
        allowsMaxLength(a.type) && m_maxLength->value() > 0 ? std::optional<int>(m_maxLength->value()) : std::nullopt;
    a.unit = m_unit->text().trimmed();
    a.example = m_example->text().trimmed();
    a.privacy = static_cast<Privacy>(m_privacy->currentData().toInt());
    a.groups.clear();
    for (const QString& g : m_groups->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const QString t = g.trimmed(); !t.isEmpty()) {
            a.groups << t;
        }
    }
    a.common = m_common->isChecked();
    return a;
}

void AttributeEditorDialog::updateConstraintFields()
{
    const auto type = static_cast<AttrType>(m_type->currentData().toInt());
    m_enumBox->setEnabled(allowsEnumValues(type));
    m_pattern->setEnabled(allowsPattern(type));
    m_patternTest->setEnabled(allowsPattern(type));
    m_min->setEnabled(allowsRange(type));
    m_max->setEnabled(allowsRange(type));
    m_maxLength->setEnabled(allowsMaxLength(type));
}

void AttributeEditorDialog::updatePatternTest()
{
    const QRegularExpression re(m_pattern->text());
    if (m_pattern->text().isEmpty() || m_patternTest->text().isEmpty()) {
        m_patternResult->clear();
    } else if (!re.isValid()) {
        m_patternResult->setText(QStringLiteral("<span style='color:#cf222e'>%1</span>")
                                     .arg(tr("invalid pattern: %1").arg(re.errorString()).toHtmlEscaped()));
    } else if (re.match(m_patternTest->text()).hasMatch()) {
        m_patternResult->setText(QStringLiteral("<span style='color:#1a7f37'>✔ %1</span>").arg(tr("matches")));
    } else {
        m_patternResult->setText(QStringLiteral("<span style='color:#cf222e'>✖ %1</span>").arg(tr("does not match")));
    }
}

void AttributeEditorDialog::check()
{
    const Attribute a = attribute();
    QList<Finding> findings = validateAttribute(a);
    if (m_isNew && isValidKey(a.key) && m_taken.contains(normalizedKey(a.key))) {
        Finding f;
        f.field = QStringLiteral("key");
        f.message = tr("Another attribute of this app has the key \"%1\" (ignoring case and separators).").arg(a.key);
        findings.prepend(f);
    }
    m_findings->setText(richtext::findingsHtml(findings));
    m_findings->setVisible(!findings.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!hasErrors(findings));
}

} // namespace tp
