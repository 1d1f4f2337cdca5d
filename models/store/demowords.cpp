// Word lists of the scaled demo (demogen.h). Keys are short so that page_module_element_action
// stays within the 64 characters a key may have.

#include "demogen.h"

namespace tp::demo {
namespace {

QList<Word> words(const QStringList& pairs)
{
    QList<Word> out;
    for (qsizetype i = 0; i + 1 < pairs.size(); i += 2) {
        out.append({pairs.at(i), pairs.at(i + 1)});
    }
    return out;
}

} // namespace

const QList<Word>& pageWords(const QString& appKey)
{
    static const QList<Word> user = words({
        QStringLiteral("home"),           QStringLiteral("首页"),          QStringLiteral("order_create"),
        QStringLiteral("下单页"),         QStringLiteral("order_detail"),  QStringLiteral("订单详情"),
        QStringLiteral("cashier"),        QStringLiteral("收银台"),        QStringLiteral("mine"),
        QStringLiteral("我的"),           QStringLiteral("coupon_center"), QStringLiteral("领券中心"),
        QStringLiteral("wallet"),         QStringLiteral("钱包"),          QStringLiteral("invoice"),
        QStringLiteral("发票中心"),       QStringLiteral("address_book"),  QStringLiteral("地址簿"),
        QStringLiteral("search"),         QStringLiteral("搜索页"),        QStringLiteral("city_select"),
        QStringLiteral("城市选择"),       QStringLiteral("vehicle_guide"), QStringLiteral("车型介绍"),
        QStringLiteral("price_estimate"), QStringLiteral("价格估算"),      QStringLiteral("order_list"),
        QStringLiteral("订单列表"),       QStringLiteral("rating"),        QStringLiteral("评价页"),
        QStringLiteral("message"),        QStringLiteral("消息中心"),      QStringLiteral("settings"),
        QStringLiteral("设置"),           QStringLiteral("help"),          QStringLiteral("帮助中心"),
        QStringLiteral("member"),         QStringLiteral("会员中心"),      QStringLiteral("moving"),
        QStringLiteral("搬家"),           QStringLiteral("errand"),        QStringLiteral("跑腿"),
        QStringLiteral("login"),          QStringLiteral("登录页"),        QStringLiteral("share"),
        QStringLiteral("分享页"),         QStringLiteral("activity"),      QStringLiteral("活动页"),
        QStringLiteral("feedback"),       QStringLiteral("意见反馈"),      QStringLiteral("contact"),
        QStringLiteral("联系人"),         QStringLiteral("receipt"),       QStringLiteral("回单"),
        QStringLiteral("insurance"),      QStringLiteral("保险"),          QStringLiteral("reservation"),
        QStringLiteral("预约"),           QStringLiteral("tracking"),      QStringLiteral("司机位置"),
    });
    static const QList<Word> driver = words({
        QStringLiteral("order_hall"), QStringLiteral("抢单大厅"),   QStringLiteral("trip"),
        QStringLiteral("行程页"),     QStringLiteral("navigation"), QStringLiteral("导航页"),
        QStringLiteral("wallet"),     QStringLiteral("钱包"),       QStringLiteral("income"),
        QStringLiteral("收入明细"),   QStringLiteral("withdraw"),   QStringLiteral("提现页"),
        QStringLiteral("verify"),     QStringLiteral("认证中心"),   QStringLiteral("vehicle"),
        QStringLiteral("车辆管理"),   QStringLiteral("message"),    QStringLiteral("消息中心"),
        QStringLiteral("mine"),       QStringLiteral("我的"),       QStringLiteral("rating"),
        QStringLiteral("服务分"),     QStringLiteral("training"),   QStringLiteral("培训中心"),
        QStringLiteral("rule"),       QStringLiteral("规则中心"),   QStringLiteral("settings"),
        QStringLiteral("设置"),       QStringLiteral("help"),       QStringLiteral("帮助中心"),
        QStringLiteral("safety"),     QStringLiteral("安全中心"),   QStringLiteral("cargo_photo"),
        QStringLiteral("货物拍照"),   QStringLiteral("fee"),        QStringLiteral("费用页"),
        QStringLiteral("home"),       QStringLiteral("首页"),       QStringLiteral("login"),
        QStringLiteral("登录页"),     QStringLiteral("fleet"),      QStringLiteral("车队"),
        QStringLiteral("fuel"),       QStringLiteral("加油服务"),   QStringLiteral("insurance"),
        QStringLiteral("保险"),       QStringLiteral("appeal"),     QStringLiteral("申诉"),
        QStringLiteral("notice"),     QStringLiteral("公告"),       QStringLiteral("schedule"),
        QStringLiteral("预约单"),     QStringLiteral("reward"),     QStringLiteral("奖励"),
        QStringLiteral("ranking"),    QStringLiteral("排行榜"),     QStringLiteral("parking"),
        QStringLiteral("停车"),       QStringLiteral("order_card"), QStringLiteral("订单卡片"),
    });
    static const QList<Word> enterprise = words({
        QStringLiteral("dashboard"),   QStringLiteral("工作台"),       QStringLiteral("order_create"),
        QStringLiteral("企业下单"),    QStringLiteral("batch_order"),  QStringLiteral("批量下单"),
        QStringLiteral("order_list"),  QStringLiteral("订单管理"),     QStringLiteral("approval"),
        QStringLiteral("审批中心"),    QStringLiteral("recharge"),     QStringLiteral("充值"),
        QStringLiteral("account"),     QStringLiteral("账户中心"),     QStringLiteral("invoice"),
        QStringLiteral("发票管理"),    QStringLiteral("statement"),    QStringLiteral("对账单"),
        QStringLiteral("report"),      QStringLiteral("报表中心"),     QStringLiteral("employee"),
        QStringLiteral("员工管理"),    QStringLiteral("department"),   QStringLiteral("部门管理"),
        QStringLiteral("role"),        QStringLiteral("角色权限"),     QStringLiteral("rule"),
        QStringLiteral("用车规则"),    QStringLiteral("address_book"), QStringLiteral("地址簿"),
        QStringLiteral("api_console"), QStringLiteral("开放平台"),     QStringLiteral("cost_center"),
        QStringLiteral("成本中心"),    QStringLiteral("budget"),       QStringLiteral("预算管理"),
        QStringLiteral("message"),     QStringLiteral("消息中心"),     QStringLiteral("settings"),
        QStringLiteral("企业设置"),    QStringLiteral("help"),         QStringLiteral("帮助中心"),
        QStringLiteral("login"),       QStringLiteral("登录页"),       QStringLiteral("contract"),
        QStringLiteral("合同管理"),    QStringLiteral("audit_log"),    QStringLiteral("操作日志"),
        QStringLiteral("notice"),      QStringLiteral("公告"),
    });
    if (appKey == QLatin1String("driver-app")) {
        return driver;
    }
    if (appKey == QLatin1String("enterprise-web")) {
        return enterprise;
    }
    return user;
}

const QList<Word>& moduleWords()
{
    static const QList<Word> list = words({
        QStringLiteral("header"),     QStringLiteral("顶部栏"), QStringLiteral("banner"),  QStringLiteral("轮播区"),
        QStringLiteral("tab_bar"),    QStringLiteral("标签栏"), QStringLiteral("list"),    QStringLiteral("列表"),
        QStringLiteral("card"),       QStringLiteral("卡片"),   QStringLiteral("popup"),   QStringLiteral("弹窗"),
        QStringLiteral("toolbar"),    QStringLiteral("工具栏"), QStringLiteral("filter"),  QStringLiteral("筛选栏"),
        QStringLiteral("footer"),     QStringLiteral("底部栏"), QStringLiteral("sidebar"), QStringLiteral("侧边栏"),
        QStringLiteral("form"),       QStringLiteral("表单"),   QStringLiteral("detail"),  QStringLiteral("详情区"),
        QStringLiteral("summary"),    QStringLiteral("汇总区"), QStringLiteral("guide"),   QStringLiteral("引导层"),
        QStringLiteral("toast"),      QStringLiteral("提示条"), QStringLiteral("drawer"),  QStringLiteral("抽屉"),
        QStringLiteral("search_bar"), QStringLiteral("搜索栏"), QStringLiteral("map"),     QStringLiteral("地图区"),
        QStringLiteral("price"),      QStringLiteral("价格区"), QStringLiteral("coupon"),  QStringLiteral("优惠区"),
        QStringLiteral("service"),    QStringLiteral("服务区"), QStringLiteral("notice"),  QStringLiteral("公告栏"),
        QStringLiteral("menu"),       QStringLiteral("菜单"),   QStringLiteral("steps"),   QStringLiteral("步骤条"),
    });
    return list;
}

const QList<Word>& elementWords()
{
    static const QList<Word> list = words({
        QStringLiteral("button"),      QStringLiteral("按钮"),        QStringLiteral("icon"),
        QStringLiteral("图标"),        QStringLiteral("link"),        QStringLiteral("链接"),
        QStringLiteral("tab"),         QStringLiteral("标签"),        QStringLiteral("image"),
        QStringLiteral("图片"),        QStringLiteral("switch"),      QStringLiteral("开关"),
        QStringLiteral("checkbox"),    QStringLiteral("复选框"),      QStringLiteral("radio"),
        QStringLiteral("单选项"),      QStringLiteral("input"),       QStringLiteral("输入框"),
        QStringLiteral("picker"),      QStringLiteral("选择器"),      QStringLiteral("slider"),
        QStringLiteral("滑块"),        QStringLiteral("avatar"),      QStringLiteral("头像"),
        QStringLiteral("badge"),       QStringLiteral("角标"),        QStringLiteral("entry"),
        QStringLiteral("入口"),        QStringLiteral("item"),        QStringLiteral("条目"),
        QStringLiteral("more_btn"),    QStringLiteral("更多按钮"),    QStringLiteral("close_btn"),
        QStringLiteral("关闭按钮"),    QStringLiteral("confirm_btn"), QStringLiteral("确认按钮"),
        QStringLiteral("cancel_btn"),  QStringLiteral("取消按钮"),    QStringLiteral("share_btn"),
        QStringLiteral("分享按钮"),    QStringLiteral("call_btn"),    QStringLiteral("拨号按钮"),
        QStringLiteral("copy_btn"),    QStringLiteral("复制按钮"),    QStringLiteral("help_icon"),
        QStringLiteral("帮助图标"),    QStringLiteral("back_btn"),    QStringLiteral("返回按钮"),
        QStringLiteral("refresh_btn"), QStringLiteral("刷新按钮"),    QStringLiteral("filter_tag"),
        QStringLiteral("筛选标签"),    QStringLiteral("sort_btn"),    QStringLiteral("排序按钮"),
        QStringLiteral("upload_btn"),  QStringLiteral("上传按钮"),    QStringLiteral("download_btn"),
        QStringLiteral("下载按钮"),    QStringLiteral("qr_code"),     QStringLiteral("二维码"),
        QStringLiteral("video"),       QStringLiteral("视频"),        QStringLiteral("text"),
        QStringLiteral("文案"),
    });
    return list;
}

const QList<ActionWord>& actionWords()
{
    static const QList<ActionWord> list = {
        {QStringLiteral("click"), QStringLiteral("点击"), QStringLiteral("用户点击%1时立即上报"),
         QStringLiteral("点击")},
        {QStringLiteral("expose"), QStringLiteral("曝光"), QStringLiteral("%1在屏幕内露出超过一半且停留500毫秒时上报"),
         QStringLiteral("曝光")},
        {QStringLiteral("long_press"), QStringLiteral("长按"), QStringLiteral("长按%1超过500毫秒时上报"),
         QStringLiteral("交互")},
        {QStringLiteral("swipe"), QStringLiteral("滑动"), QStringLiteral("滑动%1结束时上报"), QStringLiteral("交互")},
        {QStringLiteral("input"), QStringLiteral("输入"), QStringLiteral("%1输入完成（失去焦点）时上报"),
         QStringLiteral("交互")},
        {QStringLiteral("select"), QStringLiteral("选择"), QStringLiteral("在%1中完成选择时上报"),
         QStringLiteral("交互")},
        {QStringLiteral("submit"), QStringLiteral("提交"), QStringLiteral("点击%1提交且服务端返回结果后上报"),
         QStringLiteral("转化")},
        {QStringLiteral("show"), QStringLiteral("展示"), QStringLiteral("%1渲染完成时上报"), QStringLiteral("曝光")},
        {QStringLiteral("close"), QStringLiteral("关闭"), QStringLiteral("关闭%1时上报"), QStringLiteral("交互")},
        {QStringLiteral("copy"), QStringLiteral("复制"), QStringLiteral("复制%1内容成功时上报"),
         QStringLiteral("交互")},
    };
    return list;
}

const QList<Word>& subjectWords()
{
    static const QList<Word> list = words({
        QStringLiteral("order"),    QStringLiteral("订单"),   QStringLiteral("coupon"),  QStringLiteral("优惠券"),
        QStringLiteral("driver"),   QStringLiteral("司机"),   QStringLiteral("vehicle"), QStringLiteral("车辆"),
        QStringLiteral("route"),    QStringLiteral("路线"),   QStringLiteral("address"), QStringLiteral("地址"),
        QStringLiteral("city"),     QStringLiteral("城市"),   QStringLiteral("payment"), QStringLiteral("支付"),
        QStringLiteral("invoice"),  QStringLiteral("发票"),   QStringLiteral("banner"),  QStringLiteral("运营位"),
        QStringLiteral("page"),     QStringLiteral("页面"),   QStringLiteral("goods"),   QStringLiteral("商品"),
        QStringLiteral("cargo"),    QStringLiteral("货物"),   QStringLiteral("fee"),     QStringLiteral("费用"),
        QStringLiteral("tip"),      QStringLiteral("小费"),   QStringLiteral("review"),  QStringLiteral("评价"),
        QStringLiteral("message"),  QStringLiteral("消息"),   QStringLiteral("notice"),  QStringLiteral("通知"),
        QStringLiteral("member"),   QStringLiteral("会员"),   QStringLiteral("benefit"), QStringLiteral("权益"),
        QStringLiteral("campaign"), QStringLiteral("活动"),   QStringLiteral("task"),    QStringLiteral("任务"),
        QStringLiteral("reward"),   QStringLiteral("奖励"),   QStringLiteral("wallet"),  QStringLiteral("钱包"),
        QStringLiteral("account"),  QStringLiteral("账户"),   QStringLiteral("contact"), QStringLiteral("联系人"),
        QStringLiteral("receiver"), QStringLiteral("收货人"), QStringLiteral("sender"),  QStringLiteral("发货人"),
        QStringLiteral("employee"), QStringLiteral("员工"),   QStringLiteral("dept"),    QStringLiteral("部门"),
        QStringLiteral("approval"), QStringLiteral("审批"),   QStringLiteral("report"),  QStringLiteral("报表"),
        QStringLiteral("query"),    QStringLiteral("搜索"),   QStringLiteral("filter"),  QStringLiteral("筛选"),
        QStringLiteral("video"),    QStringLiteral("视频"),   QStringLiteral("photo"),   QStringLiteral("照片"),
        QStringLiteral("map"),      QStringLiteral("地图"),   QStringLiteral("trip"),    QStringLiteral("行程"),
        QStringLiteral("stop"),     QStringLiteral("途经点"), QStringLiteral("policy"),  QStringLiteral("保单"),
        QStringLiteral("service"),  QStringLiteral("服务"),   QStringLiteral("quote"),   QStringLiteral("报价"),
        QStringLiteral("discount"), QStringLiteral("折扣"),   QStringLiteral("budget"),  QStringLiteral("预算"),
        QStringLiteral("contract"), QStringLiteral("合同"),   QStringLiteral("appeal"),  QStringLiteral("申诉"),
        QStringLiteral("course"),   QStringLiteral("课程"),   QStringLiteral("station"), QStringLiteral("站点"),
    });
    return list;
}

const QList<Word>& qualifierWords()
{
    static const QList<Word> list = words({
        QStringLiteral("first"),   QStringLiteral("首次"), QStringLiteral("last"),   QStringLiteral("最近"),
        QStringLiteral("total"),   QStringLiteral("累计"), QStringLiteral("max"),    QStringLiteral("最高"),
        QStringLiteral("min"),     QStringLiteral("最低"), QStringLiteral("avg"),    QStringLiteral("平均"),
        QStringLiteral("current"), QStringLiteral("当前"), QStringLiteral("prev"),   QStringLiteral("上次"),
        QStringLiteral("target"),  QStringLiteral("目标"), QStringLiteral("origin"), QStringLiteral("原始"),
        QStringLiteral("final"),   QStringLiteral("最终"), QStringLiteral("daily"),  QStringLiteral("当日"),
        QStringLiteral("weekly"),  QStringLiteral("本周"), QStringLiteral("est"),    QStringLiteral("预估"),
        QStringLiteral("actual"),  QStringLiteral("实际"),
    });
    return list;
}

const QList<PropertyWord>& propertyWords()
{
    using T = AttrType;
    const QString keyPattern = QStringLiteral("^[0-9a-z_]{4,32}$");
    static const QList<PropertyWord> list = {
        {QStringLiteral("id"),
         QStringLiteral("编号"),
         T::String,
         {},
         {},
         {},
         {},
         keyPattern,
         {},
         QStringLiteral("id_########")},
        {QStringLiteral("name"), QStringLiteral("名称"), T::String, {}, {}, {}, 64, {}, {}, QStringLiteral("示例名称")},
        {QStringLiteral("type"),
         QStringLiteral("类型"),
         T::Enum,
         {},
         {},
         {},
         {},
         {},
         QStringLiteral("standard=标准,special=特殊,other=其他"),
         QStringLiteral("standard")},
        {QStringLiteral("status"),
         QStringLiteral("状态"),
         T::Enum,
         {},
         {},
         {},
         {},
         {},
         QStringLiteral("pending=待处理,processing=处理中,done=已完成,failed=失败"),
         QStringLiteral("done")},
        {QStringLiteral("source"),
         QStringLiteral("来源"),
         T::Enum,
         {},
         {},
         {},
         {},
         {},
         QStringLiteral("home=首页,push=推送,search=搜索,share=分享,other=其他"),
         QStringLiteral("home")},
        {QStringLiteral("count"), QStringLiteral("数量"), T::Integer, {}, 0, 100000, {}, {}, {}, QStringLiteral("3")},
        {QStringLiteral("amount"),
         QStringLiteral("金额"),
         T::Number,
         QStringLiteral("元"),
         0,
         1000000,
         {},
         {},
         {},
         QStringLiteral("58.5")},
        {QStringLiteral("price"),
         QStringLiteral("单价"),
         T::Number,
         QStringLiteral("元"),
         0,
         100000,
         {},
         {},
         {},
         QStringLiteral("12.8")},
        {QStringLiteral("distance"),
         QStringLiteral("距离"),
         T::Number,
         QStringLiteral("公里"),
         0,
         3000,
         {},
         {},
         {},
         QStringLiteral("6.5")},
        {QStringLiteral("duration"),
         QStringLiteral("时长"),
         T::Integer,
         QStringLiteral("秒"),
         0,
         86400,
         {},
         {},
         {},
         QStringLiteral("120")},
        {QStringLiteral("time"),
         QStringLiteral("时间"),
         T::DateTime,
         {},
         {},
         {},
         {},
         {},
         {},
         QStringLiteral("2026-01-05T10:00:00+08:00")},
        {QStringLiteral("index"), QStringLiteral("序号"), T::Integer, {}, 1, 500, {}, {}, {}, QStringLiteral("2")},
        {QStringLiteral("level"), QStringLiteral("等级"), T::Integer, {}, 0, 10, {}, {}, {}, QStringLiteral("3")},
        {QStringLiteral("rate"), QStringLiteral("比例"), T::Number, {}, 0, 1, {}, {}, {}, QStringLiteral("0.35")},
        {QStringLiteral("score"), QStringLiteral("分数"), T::Number, {}, 0, 100, {}, {}, {}, QStringLiteral("88.5")},
        {QStringLiteral("visible"),
         QStringLiteral("是否可见"),
         T::Boolean,
         {},
         {},
         {},
         {},
         {},
         {},
         QStringLiteral("true")},
        {QStringLiteral("enabled"),
         QStringLiteral("是否开启"),
         T::Boolean,
         {},
         {},
         {},
         {},
         {},
         {},
         QStringLiteral("false")},
        {QStringLiteral("selected"),
         QStringLiteral("是否选中"),
         T::Boolean,
         {},
         {},
         {},
         {},
         {},
         {},
         QStringLiteral("true")},
        {QStringLiteral("tags"),
         QStringLiteral("标签"),
         T::ArrayString,
         {},
         {},
         {},
         16,
         {},
         {},
         QStringLiteral("热门,推荐")},
        {QStringLiteral("ids"),
         QStringLiteral("编号列表"),
         T::ArrayString,
         {},
         {},
         {},
         {},
         keyPattern,
         {},
         QStringLiteral("id_####,id_####")},
        {QStringLiteral("counts"),
         QStringLiteral("数量列表"),
         T::ArrayInteger,
         {},
         0,
         {},
         {},
         {},
         {},
         QStringLiteral("[1, 4, 2]")},
        {QStringLiteral("amounts"),
         QStringLiteral("金额列表"),
         T::ArrayNumber,
         QStringLiteral("元"),
         0,
         {},
         {},
         {},
         {},
         QStringLiteral("[12.5, 30]")},
        {QStringLiteral("distances"),
         QStringLiteral("距离列表"),
         T::ArrayNumber,
         QStringLiteral("公里"),
         0,
         {},
         {},
         {},
         {},
         QStringLiteral("[1.2, 3.4]")},
        {QStringLiteral("code"),
         QStringLiteral("编码"),
         T::String,
         {},
         {},
         {},
         {},
         QStringLiteral("^[A-Z0-9]{4,12}$"),
         {},
         QStringLiteral("CODE####")},
        {QStringLiteral("text"),
         QStringLiteral("文案"),
         T::String,
         {},
         {},
         {},
         200,
         {},
         {},
         QStringLiteral("示例文案")},
        {QStringLiteral("url"),
         QStringLiteral("链接"),
         T::String,
         {},
         {},
         {},
         512,
         QStringLiteral("^https?://"),
         {},
         QStringLiteral("https://m.example.com/p/####")},
        {QStringLiteral("phone"),
         QStringLiteral("手机号"),
         T::String,
         {},
         {},
         {},
         11,
         QStringLiteral("^1[3-9][0-9]{9}$"),
         {},
         QStringLiteral("13#########")},
        {QStringLiteral("version"),
         QStringLiteral("版本"),
         T::String,
         {},
         {},
         {},
         {},
         QStringLiteral("^[0-9]+(\\.[0-9]+)*$"),
         {},
         QStringLiteral("2.1.0")},
    };
    return list;
}

const QList<Word>& purposeWords()
{
    static const QList<Word> list = words({
        QStringLiteral("funnel"),    QStringLiteral("转化漏斗分析"),
        QStringLiteral("adoption"),  QStringLiteral("功能渗透率统计"),
        QStringLiteral("campaign"),  QStringLiteral("运营活动效果评估"),
        QStringLiteral("ux"),        QStringLiteral("用户体验优化"),
        QStringLiteral("abtest"),    QStringLiteral("AB实验分析"),
        QStringLiteral("risk"),      QStringLiteral("风控策略"),
        QStringLiteral("retention"), QStringLiteral("留存分析"),
        QStringLiteral("debug"),     QStringLiteral("体验问题排查"),
        QStringLiteral("growth"),    QStringLiteral("增长归因"),
        QStringLiteral("board"),     QStringLiteral("业务看板"),
    });
    return list;
}

const QStringList& tagWords()
{
    static const QStringList list{QStringLiteral("增长"), QStringLiteral("体验"), QStringLiteral("运营"),
                                  QStringLiteral("实验"), QStringLiteral("风控"), QStringLiteral("留存"),
                                  QStringLiteral("交易"), QStringLiteral("内容")};
    return list;
}

} // namespace tp::demo
