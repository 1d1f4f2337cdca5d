// QCustomPlot still uses foreach, which QT_NO_FOREACH hides from our own code: let it through
// for its header only, and take it away again before any of ours.
#undef QT_NO_FOREACH
#include <qcustomplot.h>
#undef foreach
#define QT_NO_FOREACH

#include "levelchart.h"

#include "enumlabels.h"
#include "leveldelegate.h"
#include "leveldistributionmodel.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tp {

LevelChart::LevelChart(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_plot(new QCustomPlot(m_stack))
    , m_message(new QLabel(m_stack))
{
    setObjectName(QStringLiteral("levelChart"));
    m_plot->setObjectName(QStringLiteral("levelPlot"));
    m_plot->setMinimumSize(320, 240);
    m_plot->setBackground(palette().color(QPalette::Base));
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(QColor(255, 255, 255, 220));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->yAxis->setLabel(tr("Events"));
    // Whole events only: ticks at multiples of 1, 2, 5, 10 …
    QSharedPointer<QCPAxisTickerFixed> counts(new QCPAxisTickerFixed);
    counts->setTickStep(1.0);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(counts);
    m_plot->xAxis->setTickLength(0, 4);
    m_plot->xAxis->grid()->setVisible(false);
    m_message->setObjectName(QStringLiteral("levelChartMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_message->setText(tr("No events in the merged plan yet: nothing to count."));
    m_stack->addWidget(m_plot);
    m_stack->addWidget(m_message);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    setCounts({});
}

LevelChart::~LevelChart() = default;

void LevelChart::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateLabelAngle();
}

void LevelChart::updateLabelAngle()
{
    if (m_bars == 0) {
        return;
    }
    // Names side by side while they fit under their bars, else slanted.
    const int room = (m_plot->width() - 80) / m_bars;
    const double angle = m_widestLabel + 8 > room ? 45 : 0;
    if (m_plot->xAxis->tickLabelRotation() != angle) {
        m_plot->xAxis->setTickLabelRotation(angle);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

bool LevelChart::isShowingMessage() const
{
    return m_stack->currentWidget() == m_message;
}

void LevelChart::setCounts(const QList<LevelCount>& counts)
{
    m_plot->clearPlottables();
    int total = 0;
    int highest = 0;
    QVector<double> ticks;
    QVector<QString> labels;
    for (int i = 0; i < counts.size(); ++i) {
        ticks << i + 1;
        // Long (often Chinese) category names are elided; the table beside shows them whole.
        const QString name = LevelDistributionModel::categoryText(counts.at(i).category);
        labels << fontMetrics().elidedText(name, Qt::ElideRight, fontMetrics().averageCharWidth() * 16);
        total += counts.at(i).total();
        highest = std::max(highest, counts.at(i).total());
    }
    m_stack->setCurrentWidget(total > 0 ? static_cast<QWidget*>(m_plot) : m_message);
    if (total == 0) {
        return;
    }
    QCPBars* below = nullptr;
    for (int level = 0; level < 4; ++level) {
        auto* bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setName(levelLabel(static_cast<Level>(level)));
        const QColor colour = LevelDelegate::levelColor(static_cast<Level>(level));
        bars->setPen(Qt::NoPen); // an outline would show a level with no events as a line
        bars->setBrush(colour);
        bars->setWidth(0.65);
        bars->setStackingGap(0);
        QVector<double> values;
        for (const LevelCount& c : counts) {
            values << c.counts[level];
        }
        bars->setData(ticks, values, true);
        if (below) {
            bars->moveAbove(below);
        }
        below = bars;
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->addTicks(ticks, labels);
    m_plot->xAxis->setTicker(ticker);
    m_widestLabel = 0;
    for (const QString& label : std::as_const(labels)) {
        m_widestLabel = std::max(m_widestLabel, fontMetrics().horizontalAdvance(label));
    }
    m_bars = int(counts.size());
    m_plot->xAxis->setRange(0.4, counts.size() + 0.6);
    updateLabelAngle();
    // Room above the highest bar for the legend.
    m_plot->yAxis->setRange(0, highest * 1.25 + 1);
    m_plot->replot();
}

} // namespace tp
