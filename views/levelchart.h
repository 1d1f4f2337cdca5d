#pragma once

#include "governance.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QStackedWidget;

namespace tp {

/// The events of an app per category as stacked bars, one colour per governance level
/// (LevelDelegate::levelColor), A at the bottom; a message instead when there are none.
class LevelChart : public QWidget {
    Q_OBJECT
public:
    explicit LevelChart(QWidget* parent = nullptr);
    ~LevelChart() override;

    /// Shows these counts (categories in the given order).
    void setCounts(const QList<LevelCount>& counts);
    /// The plot, for tests and screenshots.
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    /// True while the "no events" message is shown instead of the plot.
    [[nodiscard]] bool isShowingMessage() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateLabelAngle();

    QStackedWidget* m_stack;
    QCustomPlot* m_plot;
    QLabel* m_message;
    int m_bars = 0;        ///< categories shown
    int m_widestLabel = 0; ///< pixels of the longest category name
};

} // namespace tp
