// Events and demands of the customer app (see demodata_userapp.cpp). Levels follow the
// governance table: D for the order and payment funnel, C for cross-team metrics, B for one
// team's analysis, A for events nobody reads.

#include "demodata.h"

namespace tp::demo {

QList<EventSpec> userAppEvents()
{
    return {
        // 6.1.0: the tracking that already existed, documented when the platform was introduced.
        {QStringLiteral("init-launch"), QStringLiteral("app_launch"), QStringLiteral("应用启动"),
         QStringLiteral("启动"), Level::C, QStringLiteral("App进程启动或从后台回到前台，用于计算DAU与启动性能"),
         QStringLiteral("Application onCreate / 回到前台且距上次退后台超过30秒时"),
         QStringLiteral("launch_type!,is_first_launch!,load_duration_ms,push_id:仅推送唤起时上报"),
         QStringLiteral("启动,性能"), QStringLiteral("android,ios")},
        {QStringLiteral("init-launch"), QStringLiteral("login_page_view"), QStringLiteral("登录页浏览"),
         QStringLiteral("登录"), Level::B, QStringLiteral("登录页展示，用于登录转化漏斗第一步"),
         QStringLiteral("登录页可见时（onResume / onShow）"),
         QStringLiteral("entry_page!,is_new_user,login_method:默认展示的登录方式"), QStringLiteral("登录,漏斗")},
        {QStringLiteral("init-launch"), QStringLiteral("login_sms_code_send"), QStringLiteral("发送验证码"),
         QStringLiteral("登录"), Level::B, QStringLiteral("用户点击获取短信验证码，服务端返回发送结果"),
         QStringLiteral("点击“获取验证码”按钮后，服务端返回结果时"), QStringLiteral("entry_page,result!,error_code"),
         QStringLiteral("登录")},
        {QStringLiteral("init-launch"), QStringLiteral("login_success"), QStringLiteral("登录成功"),
         QStringLiteral("登录"), Level::C, QStringLiteral("登录成功，是新增注册与活跃用户的口径来源"),
         QStringLiteral("服务端返回登录成功、客户端写入登录态之后"),
         QStringLiteral("login_method!,is_new_user!,entry_page,load_duration_ms"), QStringLiteral("登录,漏斗")},

        {QStringLiteral("init-home"), QStringLiteral("home_page_view"), QStringLiteral("首页浏览"),
         QStringLiteral("首页"), Level::C, QStringLiteral("首页曝光，下单转化漏斗的起点"),
         QStringLiteral("首页可见时（含从其他页面返回）"),
         QStringLiteral("is_new_user!,page_stay_duration,load_duration_ms,banner_id:首屏运营位"),
         QStringLiteral("漏斗,首页")},
        {QStringLiteral("init-home"), QStringLiteral("home_banner_click"), QStringLiteral("首页运营位点击"),
         QStringLiteral("首页"), Level::B, QStringLiteral("点击首页轮播运营位"), QStringLiteral("点击运营位图片时"),
         QStringLiteral("banner_id!,is_new_user,button_name"), QStringLiteral("运营,点击")},
        {QStringLiteral("init-home"), QStringLiteral("home_vehicle_select"), QStringLiteral("首页车型选择"),
         QStringLiteral("首页"), Level::C, QStringLiteral("在首页车型栏切换车型"), QStringLiteral("车型标签切换完成时"),
         QStringLiteral("vehicle_type!,position_index!,is_new_user"), QStringLiteral("漏斗,车型")},
        {QStringLiteral("init-home"), QStringLiteral("home_address_input_click"), QStringLiteral("地址输入框点击"),
         QStringLiteral("首页"), Level::B, QStringLiteral("点击装货地或卸货地输入框"),
         QStringLiteral("输入框获得焦点时"),
         QStringLiteral("position_index!:1为装货地，2及以后为卸货地,is_new_user,entry_page"), QStringLiteral("漏斗")},
        {QStringLiteral("init-home"), QStringLiteral("home_city_switch"), QStringLiteral("切换城市"),
         QStringLiteral("首页"), Level::B, QStringLiteral("用户手动切换下单城市"),
         QStringLiteral("城市列表选中新城市后"), QStringLiteral("from_city_id!,entry_page,result"),
         QStringLiteral("城市")},
        {QStringLiteral("init-home"), QStringLiteral("home_weather_widget_expose"), QStringLiteral("首页天气组件曝光"),
         QStringLiteral("首页"), Level::A, QStringLiteral("旧版首页天气组件曝光；组件已无人维护，数据无人使用"),
         QStringLiteral("组件露出超过50%时"), QStringLiteral("position_index,page_stay_duration,load_duration_ms"),
         QStringLiteral("曝光,待下线")},
        {QStringLiteral("init-home"), QStringLiteral("address_search"), QStringLiteral("地址搜索"),
         QStringLiteral("搜索"), Level::B, QStringLiteral("地址联想搜索返回结果"),
         QStringLiteral("输入停顿300毫秒后发起搜索、结果返回时"),
         QStringLiteral("search_keyword!,result_count!,load_duration_ms,position_index"), QStringLiteral("搜索")},
        {QStringLiteral("init-home"), QStringLiteral("address_search_result_click"), QStringLiteral("搜索结果点击"),
         QStringLiteral("搜索"), Level::B, QStringLiteral("点击地址联想结果"), QStringLiteral("点击结果条目时"),
         QStringLiteral("search_keyword!,position_index!,result_count"), QStringLiteral("搜索,点击")},

        {QStringLiteral("init-order"), QStringLiteral("order_page_view"), QStringLiteral("下单页浏览"),
         QStringLiteral("下单页"), Level::C, QStringLiteral("确认订单页展示，漏斗第二步"),
         QStringLiteral("下单页可见且价格计算完成时"),
         QStringLiteral("vehicle_type!,order_type!,is_new_user,page_stay_duration,load_duration_ms"),
         QStringLiteral("漏斗,下单")},
        {QStringLiteral("init-order"), QStringLiteral("order_vehicle_type_select"), QStringLiteral("下单页切换车型"),
         QStringLiteral("下单页"), Level::C, QStringLiteral("在下单页重新选择车型，触发重新计价"),
         QStringLiteral("车型切换且重新计价返回时"),
         QStringLiteral("vehicle_type!,position_index,order_type,distance_km"), QStringLiteral("下单,车型")},
        {QStringLiteral("init-order"), QStringLiteral("order_addon_service_select"), QStringLiteral("选择附加服务"),
         QStringLiteral("下单页"), Level::B, QStringLiteral("勾选或取消搬运、回单等附加服务"),
         QStringLiteral("附加服务弹窗点击“确定”时"),
         QStringLiteral("addon_services!,addon_service_ids,vehicle_type,order_type"), QStringLiteral("下单")},
        {QStringLiteral("init-order"), QStringLiteral("order_price_detail_click"), QStringLiteral("查看价格明细"),
         QStringLiteral("下单页"), Level::B, QStringLiteral("展开价格明细浮层"), QStringLiteral("点击价格旁的“明细”时"),
         QStringLiteral("order_amount!,price_items!,distance_km,estimated_duration,vehicle_type"),
         QStringLiteral("下单,价格")},
        {QStringLiteral("init-order"), QStringLiteral("order_reservation_time_select"), QStringLiteral("选择预约时间"),
         QStringLiteral("下单页"), Level::B, QStringLiteral("预约单选择用车时间"),
         QStringLiteral("时间选择器点击“确定”时"), QStringLiteral("order_type!,reservation_time!,vehicle_type"),
         QStringLiteral("下单,预约")},
        {QStringLiteral("init-order"), QStringLiteral("order_submit"), QStringLiteral("下单提交"),
         QStringLiteral("下单页"), Level::D, QStringLiteral("用户提交订单且服务端创建订单成功，是GMV与下单量的口径"),
         QStringLiteral("点击提交订单按钮后，服务端返回成功时"),
         QStringLiteral("order_id!,order_amount!,order_type!,vehicle_type!,distance_km!,stop_count,is_new_user"),
         QStringLiteral("核心链路,漏斗,下单")},
        {QStringLiteral("init-order"), QStringLiteral("order_submit_fail"), QStringLiteral("下单失败"),
         QStringLiteral("下单页"), Level::C, QStringLiteral("提交订单失败（风控拦截、运力不足、参数错误等）"),
         QStringLiteral("点击提交订单按钮后，服务端返回失败时"),
         QStringLiteral("error_code!,fail_reason!,order_amount,vehicle_type,order_type"),
         QStringLiteral("核心链路,异常")},
        {QStringLiteral("init-order"), QStringLiteral("order_contact_fill"), QStringLiteral("填写联系人"),
         QStringLiteral("下单页"), Level::B, QStringLiteral("填写或修改收货联系人"), QStringLiteral("联系人弹窗保存时"),
         QStringLiteral("contact_phone!:个人信息，采集端加密,receiver_name,entry_page"), QStringLiteral("下单,隐私")},

        {QStringLiteral("init-pay"), QStringLiteral("payment_page_view"), QStringLiteral("收银台浏览"),
         QStringLiteral("支付"), Level::C, QStringLiteral("收银台展示"), QStringLiteral("收银台可见时"),
         QStringLiteral("order_id!,pay_amount!,order_amount,page_stay_duration"), QStringLiteral("支付,漏斗")},
        {QStringLiteral("init-pay"), QStringLiteral("payment_channel_select"), QStringLiteral("选择支付方式"),
         QStringLiteral("支付"), Level::C, QStringLiteral("切换支付渠道"), QStringLiteral("支付方式单选框切换时"),
         QStringLiteral("order_id!,pay_channel!,pay_amount"), QStringLiteral("支付")},
        {QStringLiteral("init-pay"), QStringLiteral("payment_confirm"), QStringLiteral("确认支付"),
         QStringLiteral("支付"), Level::D, QStringLiteral("用户在收银台确认支付，拉起支付渠道"),
         QStringLiteral("点击“确认支付”按钮时"), QStringLiteral("order_id!,pay_channel!,pay_amount!,order_amount!"),
         QStringLiteral("核心链路,支付")},
        {QStringLiteral("init-pay"), QStringLiteral("payment_success"), QStringLiteral("支付成功"),
         QStringLiteral("支付"), Level::D, QStringLiteral("支付渠道回调成功，订单进入待接单"),
         QStringLiteral("收到支付成功回调并刷新订单状态后"),
         QStringLiteral("order_id!,pay_channel!,pay_amount!,payment_time!"), QStringLiteral("核心链路,支付")},
        {QStringLiteral("init-pay"), QStringLiteral("payment_fail"), QStringLiteral("支付失败"), QStringLiteral("支付"),
         Level::D, QStringLiteral("支付失败或用户取消支付"), QStringLiteral("支付渠道返回失败或用户关闭支付弹窗时"),
         QStringLiteral("order_id!,pay_channel!,pay_amount,fail_reason"), QStringLiteral("核心链路,支付,异常")},

        {QStringLiteral("init-detail"), QStringLiteral("order_detail_view"), QStringLiteral("订单详情浏览"),
         QStringLiteral("订单详情"), Level::C, QStringLiteral("订单详情页展示"), QStringLiteral("订单详情页可见时"),
         QStringLiteral("order_id!,order_status!,driver_id,page_stay_duration"), QStringLiteral("订单")},
        {QStringLiteral("init-detail"), QStringLiteral("order_cancel_click"), QStringLiteral("点击取消订单"),
         QStringLiteral("订单详情"), Level::C, QStringLiteral("点击取消订单，弹出取消原因"),
         QStringLiteral("点击“取消订单”按钮时"), QStringLiteral("order_id!,order_status!,cancel_stage!"),
         QStringLiteral("订单,取消")},
        {QStringLiteral("init-detail"), QStringLiteral("order_cancel_confirm"), QStringLiteral("确认取消订单"),
         QStringLiteral("订单详情"), Level::D, QStringLiteral("用户确认取消且服务端取消成功，是取消率口径"),
         QStringLiteral("取消原因弹窗点击“确认取消”后，服务端返回成功时"),
         QStringLiteral("order_id!,cancel_stage!,cancel_reason!,order_amount"), QStringLiteral("核心链路,订单,取消")},
        {QStringLiteral("init-detail"), QStringLiteral("driver_contact_call"), QStringLiteral("联系司机"),
         QStringLiteral("订单详情"), Level::B, QStringLiteral("通过隐私号拨打司机电话"),
         QStringLiteral("点击电话图标时"), QStringLiteral("order_id!,driver_id!,order_status"),
         QStringLiteral("订单,司机")},
        {QStringLiteral("init-detail"), QStringLiteral("order_share_click"), QStringLiteral("订单分享"),
         QStringLiteral("订单详情"), Level::B, QStringLiteral("分享订单进度给收货人"),
         QStringLiteral("分享面板选择渠道后"), QStringLiteral("order_id!,share_channel!,order_status"),
         QStringLiteral("订单,分享")},
        {QStringLiteral("init-detail"), QStringLiteral("order_rate_submit"), QStringLiteral("提交评价"),
         QStringLiteral("评价"), Level::C, QStringLiteral("订单完成后评价司机"),
         QStringLiteral("评价页点击“提交”且成功时"), QStringLiteral("order_id!,driver_id!,rating_score!,rating_tags"),
         QStringLiteral("订单,评价")},
        {QStringLiteral("init-detail"), QStringLiteral("order_track_map_view"), QStringLiteral("查看司机位置"),
         QStringLiteral("订单详情"), Level::B, QStringLiteral("展开地图查看司机实时位置"),
         QStringLiteral("地图全屏展开时"), QStringLiteral("order_id!,order_status!,driver_id,distance_km"),
         QStringLiteral("订单,地图")},

        {QStringLiteral("init-mine"), QStringLiteral("mine_page_view"), QStringLiteral("我的页浏览"),
         QStringLiteral("我的"), Level::B, QStringLiteral("“我的”页展示"), QStringLiteral("“我的”页可见时"),
         QStringLiteral("is_new_user,page_stay_duration,load_duration_ms"), QStringLiteral("我的")},
        {QStringLiteral("init-mine"), QStringLiteral("mine_avatar_click"), QStringLiteral("头像点击"),
         QStringLiteral("我的"), Level::B, QStringLiteral("点击头像进入个人资料"), QStringLiteral("点击头像时"),
         QStringLiteral("entry_page,is_new_user,button_name"), QStringLiteral("我的,点击")},
        {QStringLiteral("init-mine"), QStringLiteral("invoice_apply_submit"), QStringLiteral("提交开票申请"),
         QStringLiteral("我的"), Level::C, QStringLiteral("在发票中心提交开票申请"),
         QStringLiteral("点击“提交申请”且服务端受理时"),
         QStringLiteral("invoice_title_type!,invoice_amount!,order_count!"), QStringLiteral("发票")},
        {QStringLiteral("init-mine"), QStringLiteral("customer_service_click"), QStringLiteral("联系客服"),
         QStringLiteral("我的"), Level::B, QStringLiteral("进入在线客服"), QStringLiteral("点击客服入口时"),
         QStringLiteral("entry_page!,order_id:从订单详情进入时上报,order_status"), QStringLiteral("客服")},

        // 6.2.0
        {QStringLiteral("coupon"), QStringLiteral("coupon_center_view"), QStringLiteral("领券中心浏览"),
         QStringLiteral("营销"), Level::B, QStringLiteral("领券中心页面展示"), QStringLiteral("领券中心可见时"),
         QStringLiteral("coupon_ids,page_stay_duration,entry_page"), QStringLiteral("营销,优惠券")},
        {QStringLiteral("coupon"), QStringLiteral("coupon_claim"), QStringLiteral("领取优惠券"), QStringLiteral("营销"),
         Level::C, QStringLiteral("领取一张优惠券"), QStringLiteral("点击“领取”且服务端发券成功时"),
         QStringLiteral("coupon_id!,coupon_amount!,entry_page"), QStringLiteral("营销,优惠券")},
        {QStringLiteral("coupon"), QStringLiteral("order_coupon_select"), QStringLiteral("下单页选择优惠券"),
         QStringLiteral("下单页"), Level::C, QStringLiteral("在下单页选择或更换优惠券"),
         QStringLiteral("优惠券列表点击“使用”时"), QStringLiteral("coupon_id!,coupon_amount!,order_amount!,coupon_ids"),
         QStringLiteral("下单,优惠券")},
        {QStringLiteral("tip"), QStringLiteral("tip_add"), QStringLiteral("加小费"), QStringLiteral("订单详情"),
         Level::C, QStringLiteral("待接单时给司机加小费以提高接单率"), QStringLiteral("小费弹窗点击“确定”且支付成功时"),
         QStringLiteral("order_id!,tip_amount!,order_status!,driver_id"), QStringLiteral("订单,小费")},
        {QStringLiteral("home-expose"), QStringLiteral("home_module_expose"), QStringLiteral("首页模块曝光"),
         QStringLiteral("首页"), Level::B, QStringLiteral("首页每个模块的曝光（全量上报）"),
         QStringLiteral("模块露出超过50%且停留500毫秒时"),
         QStringLiteral("position_index!,banner_id,page_stay_duration"), QStringLiteral("曝光")},
        // 6.3.0
        {QStringLiteral("reorder"), QStringLiteral("reorder_click"), QStringLiteral("再来一单"),
         QStringLiteral("订单详情"), Level::C, QStringLiteral("按历史订单的地址与车型一键再下单"),
         QStringLiteral("点击“再来一单”按钮时"), QStringLiteral("order_id!,order_source!,vehicle_type"),
         QStringLiteral("下单,复购")},
        {QStringLiteral("darkmode"), QStringLiteral("settings_dark_mode_switch"), QStringLiteral("深色模式开关"),
         QStringLiteral("我的"), Level::B, QStringLiteral("设置页切换深色模式"), QStringLiteral("开关状态变化时"),
         QStringLiteral("dark_mode_enabled!,entry_page"), QStringLiteral("设置")},
        // 6.4.0
        {QStringLiteral("moving"), QStringLiteral("moving_entry_click"), QStringLiteral("搬家入口点击"),
         QStringLiteral("首页"), Level::B, QStringLiteral("首页金刚位“搬家”入口点击"), QStringLiteral("点击入口图标时"),
         QStringLiteral("entry_page!,position_index,user_type"), QStringLiteral("搬家,点击")},
        {QStringLiteral("moving"), QStringLiteral("moving_package_select"), QStringLiteral("选择搬家套餐"),
         QStringLiteral("搬家"), Level::C, QStringLiteral("选择经济搬、标准搬或尊享搬"),
         QStringLiteral("套餐卡片选中时"), QStringLiteral("moving_package!,order_amount!,vehicle_type"),
         QStringLiteral("搬家")},
        {QStringLiteral("moving"), QStringLiteral("moving_order_submit"), QStringLiteral("搬家下单提交"),
         QStringLiteral("搬家"), Level::D, QStringLiteral("搬家订单提交成功"),
         QStringLiteral("点击提交订单按钮后，服务端返回成功时"),
         QStringLiteral("order_id!,moving_package!,order_amount!,vehicle_type!,stop_count,addon_services"),
         QStringLiteral("核心链路,搬家,下单")},
        {QStringLiteral("lottery"), QStringLiteral("home_lottery_click"), QStringLiteral("春节抽奖入口点击"),
         QStringLiteral("首页"), Level::B, QStringLiteral("春节抽奖活动入口点击"), QStringLiteral("点击活动浮窗时"),
         QStringLiteral("lottery_id!,position_index"), QStringLiteral("营销,活动")},
        // 6.5.0
        {QStringLiteral("member"), QStringLiteral("member_center_view"), QStringLiteral("会员中心浏览"),
         QStringLiteral("我的"), Level::B, QStringLiteral("会员中心页面展示"), QStringLiteral("会员中心可见时"),
         QStringLiteral("member_level!,page_stay_duration,entry_page"), QStringLiteral("会员")},
        {QStringLiteral("member"), QStringLiteral("member_benefit_claim"), QStringLiteral("领取会员权益"),
         QStringLiteral("我的"), Level::C, QStringLiteral("领取会员等级权益（如免费搬运券）"),
         QStringLiteral("点击“立即领取”且服务端发放成功时"), QStringLiteral("member_level!,benefit_id!,coupon_id"),
         QStringLiteral("会员,优惠券")},
        {QStringLiteral("errand"), QStringLiteral("errand_entry_click"), QStringLiteral("跑腿入口点击"),
         QStringLiteral("首页"), Level::B, QStringLiteral("首页“同城跑腿”入口点击"), QStringLiteral("点击入口图标时"),
         QStringLiteral("entry_page!,position_index,user_type"), QStringLiteral("跑腿")},
        {QStringLiteral("errand"), QStringLiteral("errand_order_submit"), QStringLiteral("跑腿下单提交"),
         QStringLiteral("跑腿"), Level::D, QStringLiteral("跑腿订单提交成功"),
         QStringLiteral("点击提交订单按钮后，服务端返回成功时"),
         QStringLiteral("order_id!,errand_item_weight!,order_amount!,distance_km"), QStringLiteral("核心链路,跑腿")},
        {QStringLiteral("mine-autotrack"), QStringLiteral("mine_element_click"), QStringLiteral("我的页元素点击"),
         QStringLiteral("我的"), Level::A, QStringLiteral("“我的”页所有可点击元素的全埋点"),
         QStringLiteral("任意元素点击时"), QStringLiteral("button_name!,position_index"), QStringLiteral("全埋点")},
    };
}

namespace {

void addBinding(Event& e, const QString& key, bool required, const QString& note = {}, qsizetype at = -1)
{
    const Binding b{key, required, note};
    if (at < 0 || at > e.bindings.size()) {
        e.bindings.append(b);
    } else {
        e.bindings.insert(at, b);
    }
}

} // namespace

QList<DemandSpec> userAppDemands()
{
    const QString zhang = QStringLiteral("zhang.wei");
    const QString chen = QStringLiteral("chen.jing");
    QList<DemandSpec> d;
    auto add = [&d](const QString& version, const QString& owner, const QString& title, const QString& description,
                    Priority priority) -> DemandSpec& {
        d.append(DemandSpec{});
        DemandSpec& s = d.last();
        s.version = version;
        s.owner = owner;
        s.title = title;
        s.description = description;
        s.priority = priority;
        return s;
    };
    const QString v61 = QStringLiteral("6.1.0");
    add(v61, zhang, QStringLiteral("公共属性规范 v1"),
        QStringLiteral("统一三端的公共属性：用户标识、城市、版本、设备与网络"), Priority::P0)
        .commonAttributes = true;
    add(v61, chen, QStringLiteral("启动与登录埋点梳理"), QStringLiteral("整理线上启动、登录相关埋点并补齐描述"),
        Priority::P1)
        .batch = QStringLiteral("init-launch");
    add(v61, chen, QStringLiteral("首页与地址搜索埋点梳理"), QStringLiteral("整理首页、城市切换与地址搜索埋点"),
        Priority::P1)
        .batch = QStringLiteral("init-home");
    add(v61, zhang, QStringLiteral("下单链路埋点梳理"),
        QStringLiteral("下单页到下单成功的完整漏斗，GMV口径以order_submit为准"), Priority::P0)
        .batch = QStringLiteral("init-order");
    add(v61, zhang, QStringLiteral("支付链路埋点梳理"), QStringLiteral("收银台、支付确认与支付结果"), Priority::P0)
        .batch = QStringLiteral("init-pay");
    add(v61, zhang, QStringLiteral("订单详情与评价埋点梳理"), QStringLiteral("订单详情、取消、联系司机、评价"),
        Priority::P1)
        .batch = QStringLiteral("init-detail");
    add(v61, chen, QStringLiteral("我的页面埋点梳理"), QStringLiteral("我的、发票与客服入口"), Priority::P2).batch =
        QStringLiteral("init-mine");

    const QString v62 = QStringLiteral("6.2.0");
    {
        DemandSpec& s = add(v62, chen, QStringLiteral("优惠券体系埋点"),
                            QStringLiteral("领券中心、下单用券；确认支付补充优惠信息，用于核算券ROI"), Priority::P1);
        s.batch = QStringLiteral("coupon");
        s.eventEdits << qMakePair(QStringLiteral("payment_confirm"), EventEdit([](Event& e) {
                                      addBinding(e, QStringLiteral("coupon_id"), false,
                                                 QStringLiteral("未用券时不上报"));
                                      addBinding(e, QStringLiteral("coupon_amount"), false);
                                  }));
    }
    add(v62, zhang, QStringLiteral("小费功能埋点"), QStringLiteral("待接单加小费，观察对接单时长的影响"), Priority::P2)
        .batch = QStringLiteral("tip");
    {
        DemandSpec& s = add(v62, chen, QStringLiteral("首页运营位增加位置参数"),
                            QStringLiteral("运营需要按轮播位置评估点击率"), Priority::P2);
        s.eventEdits << qMakePair(QStringLiteral("home_banner_click"), EventEdit([](Event& e) {
                                      addBinding(e, QStringLiteral("banner_position"), false,
                                                 QStringLiteral("轮播位置"), 1);
                                      e.description = QStringLiteral("点击首页轮播运营位；按位置区分素材效果");
                                  }));
    }
    {
        DemandSpec& s =
            add(v62, zhang, QStringLiteral("埋点等级复核（一季度）"),
                QStringLiteral("价格明细被定价与增长共同使用，升为C；头像点击近90天无人查询，降为A"), Priority::P2);
        s.comment = QStringLiteral("等级调整已与数仓确认");
        s.eventEdits << qMakePair(QStringLiteral("order_price_detail_click"),
                                  EventEdit([](Event& e) { e.level = Level::C; }));
        s.eventEdits << qMakePair(QStringLiteral("mine_avatar_click"), EventEdit([](Event& e) {
                                      e.level = Level::A;
                                      e.description = QStringLiteral("点击头像进入个人资料（近90天无人查询，降为A级）");
                                  }));
    }
    {
        DemandSpec& s = add(v62, zhang, QStringLiteral("支付失败补充错误码"),
                            QStringLiteral("支付失败需按渠道错误码归因，错误码改为必填"), Priority::P1);
        s.eventEdits << qMakePair(QStringLiteral("payment_fail"), EventEdit([](Event& e) {
                                      addBinding(e, QStringLiteral("error_code"), true, {}, 2);
                                      e.trigger = QStringLiteral("支付渠道返回失败、超时或用户关闭支付弹窗时");
                                  }));
    }
    {
        DemandSpec& s = add(v62, chen, QStringLiteral("首页模块全量曝光"),
                            QStringLiteral("首页所有模块曝光全量上报，用于模块排序实验"), Priority::P3);
        s.batch = QStringLiteral("home-expose");
        s.outcome = DemandStatus::Rejected;
        s.comment = QStringLiteral("全量曝光预计日均20亿条，超出B级事件的采集预算；请改为采样方案后重新提交");
    }

    const QString v63 = QStringLiteral("6.3.0");
    {
        DemandSpec& s = add(v63, zhang, QStringLiteral("取消原因结构化"),
                            QStringLiteral("取消原因由自由文本改为枚举，便于取消归因看板"), Priority::P1);
        s.attributeEdits << qMakePair(
            QStringLiteral("cancel_reason"), AttributeEdit([](Attribute& a) {
                a.type = AttrType::Enum;
                a.maxLength.reset();
                a.enumValues =
                    enumValues(QStringLiteral("plan_changed=计划有变,driver_late=司机迟到,price_high=价格太高,"
                                              "wrong_info=信息填错,found_other=找到其他车,other=其他"));
                a.example = QStringLiteral("plan_changed");
                a.description = QStringLiteral("用户选择的取消原因（6.3.0起为枚举，其他原因选other）");
            }));
    }
    {
        DemandSpec& s = add(v63, chen, QStringLiteral("下单来源归因"),
                            QStringLiteral("新增“再来一单”入口；下单提交必须带下单来源"), Priority::P0);
        s.batch = QStringLiteral("reorder");
        s.eventEdits << qMakePair(QStringLiteral("order_submit"), EventEdit([](Event& e) {
                                      addBinding(e, QStringLiteral("order_source"), true, {}, 4);
                                  }));
    }
    {
        DemandSpec& s = add(v63, chen, QStringLiteral("新客标识统一为用户类型"),
                            QStringLiteral("is_new_user只能区分新老客，替换为三分类的user_type"), Priority::P1);
        s.replaceAttributes << qMakePair(QStringLiteral("is_new_user"), QStringLiteral("user_type"));
    }
    {
        DemandSpec& s = add(v63, zhang, QStringLiteral("订单分享入口下线"),
                            QStringLiteral("订单分享改由短信通知收货人，客户端入口下线"), Priority::P2);
        s.eventEdits << qMakePair(QStringLiteral("order_share_click"), EventEdit([](Event& e) {
                                      e.status = EventStatus::Deprecated;
                                      e.deprecatedIn = QStringLiteral("6.3.0");
                                      e.description =
                                          QStringLiteral("【已下线】分享订单进度给收货人；6.3.0起改为短信通知");
                                  }));
    }
    {
        DemandSpec& s =
            add(v63, chen, QStringLiteral("深色模式开关埋点"), QStringLiteral("设置页新增深色模式开关"), Priority::P3);
        s.batch = QStringLiteral("darkmode");
        s.outcome = DemandStatus::Cancelled;
        s.comment = QStringLiteral("设计稿延期，需求关闭，下个季度重新评估");
    }

    const QString v64 = QStringLiteral("6.4.0");
    add(v64, zhang, QStringLiteral("搬家业务埋点"), QStringLiteral("搬家入口、套餐选择与搬家下单"), Priority::P0)
        .batch = QStringLiteral("moving");
    add(v64, chen, QStringLiteral("春节抽奖活动"), QStringLiteral("首页抽奖浮窗"), Priority::P2).batch =
        QStringLiteral("lottery");
    {
        DemandSpec& s = add(v64, chen, QStringLiteral("撤回春节抽奖活动埋点"),
                            QStringLiteral("活动取消，埋点尚未发版，直接删除"), Priority::P2);
        s.removeEvents << QStringLiteral("home_lottery_click");
        s.removeAttributes << QStringLiteral("lottery_id");
    }
    {
        DemandSpec& s = add(v64, zhang, QStringLiteral("支付事件描述校准"),
                            QStringLiteral("QA反馈确认支付的触发时机描述不清，统一口径"), Priority::P2);
        s.eventEdits << qMakePair(QStringLiteral("payment_confirm"), EventEdit([](Event& e) {
                                      e.trigger =
                                          QStringLiteral("点击“确认支付”按钮、拉起支付渠道之前（重复点击只报一次）");
                                  }));
        s.eventEdits << qMakePair(QStringLiteral("payment_success"), EventEdit([](Event& e) {
                                      e.description =
                                          QStringLiteral("支付渠道回调成功、订单进入待接单；支付成功率的分子");
                                  }));
    }

    const QString v65 = QStringLiteral("6.5.0");
    add(v65, chen, QStringLiteral("会员体系埋点"), QStringLiteral("会员中心与权益领取"), Priority::P1).batch =
        QStringLiteral("member");
    {
        DemandSpec& s =
            add(v65, zhang, QStringLiteral("同城跑腿埋点"), QStringLiteral("新业务线：同城跑腿"), Priority::P1);
        s.batch = QStringLiteral("errand");
        s.outcome = DemandStatus::Draft;
    }
    {
        DemandSpec& s = add(v65, zhang, QStringLiteral("收银台改版"),
                            QStringLiteral("收银台展示优惠金额，支付方式排序调整"), Priority::P1);
        s.outcome = DemandStatus::InReview;
        s.eventEdits << qMakePair(QStringLiteral("payment_page_view"), EventEdit([](Event& e) {
                                      addBinding(e, QStringLiteral("coupon_amount"), false);
                                      e.description = QStringLiteral("收银台展示（6.5.0改版后展示优惠金额）");
                                  }));
        s.eventEdits << qMakePair(QStringLiteral("payment_channel_select"), EventEdit([](Event& e) {
                                      addBinding(e, QStringLiteral("position_index"), true,
                                                 QStringLiteral("支付方式的排序位置"));
                                      e.level = Level::D; // core payment funnel: awaits a steward
                                  }));
    }
    {
        DemandSpec& s = add(v65, zhang, QStringLiteral("订单详情浏览降为B级"),
                            QStringLiteral("订单详情浏览只有交易产品自用，移出数仓ODS层"), Priority::P3);
        s.outcome = DemandStatus::Approved;
        s.comment = QStringLiteral("同意，数仓同步下线该事件的ODS表");
        s.eventEdits << qMakePair(QStringLiteral("order_detail_view"), EventEdit([](Event& e) { e.level = Level::B; }));
    }
    {
        DemandSpec& s = add(v65, zhang, QStringLiteral("订单分享埋点移除"),
                            QStringLiteral("6.3.0已下线的分享入口，老版本占比低于1%后标记为已移除"), Priority::P3);
        s.outcome = DemandStatus::Draft;
        s.eventEdits << qMakePair(QStringLiteral("order_share_click"),
                                  EventEdit([](Event& e) { e.status = EventStatus::Removed; }));
    }
    {
        DemandSpec& s = add(v65, chen, QStringLiteral("我的页全埋点"), QStringLiteral("“我的”页所有元素点击自动采集"),
                            Priority::P3);
        s.batch = QStringLiteral("mine-autotrack");
        s.outcome = DemandStatus::Rejected;
        s.comment = QStringLiteral("没有明确的分析场景，属于A级无效埋点；请先明确要回答的问题");
    }
    return d;
}

} // namespace tp::demo
