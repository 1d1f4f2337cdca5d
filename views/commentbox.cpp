#include "commentbox.h"

#include <QFontMetrics>
#include <QGridLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace tp {

CommentBox::CommentBox(const QString& editName, const QString& buttonName, QWidget* parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_button(new QPushButton(tr("Comment"), this))
    , m_error(new QLabel(this))
{
    m_edit->setObjectName(editName);
    m_edit->setTabChangesFocus(true);
    // Three lines: room for a sentence or two without taking the discussion's place.
    m_edit->setFixedHeight(QFontMetrics(m_edit->font()).lineSpacing() * 3 + 14);
    m_edit->installEventFilter(this);
    m_button->setObjectName(buttonName);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #cf222e;"));
    m_error->hide();
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_edit, 0, 0);
    layout->addWidget(m_button, 0, 1, Qt::AlignBottom);
    layout->addWidget(m_error, 1, 0, 1, 2);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &CommentBox::updateButton);
    connect(m_button, &QPushButton::clicked, this, [this] {
        if (!text().isEmpty()) {
            Q_EMIT submitted(text());
        }
    });
    updateButton();
}

void CommentBox::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

void CommentBox::setDenied(const QString& reason)
{
    m_denied = reason;
    m_edit->setEnabled(reason.isEmpty());
    m_edit->setToolTip(reason);
    updateButton();
}

QString CommentBox::text() const
{
    return m_edit->toPlainText().trimmed();
}

void CommentBox::clear()
{
    m_edit->clear();
    m_error->hide();
}

void CommentBox::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

bool CommentBox::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && key->modifiers() & Qt::ControlModifier) {
            m_button->click();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CommentBox::updateButton()
{
    const bool allowed = m_denied.isEmpty();
    m_button->setEnabled(allowed && !text().isEmpty());
    m_button->setToolTip(!allowed
                             ? m_denied
                             : tr("Add the comment to the discussion (%1)")
                                   .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
}

} // namespace tp
