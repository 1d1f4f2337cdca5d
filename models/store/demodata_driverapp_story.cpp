// Events and demands of the driver app (see demodata_driverapp.cpp).

#include "demodata.h"

namespace tp::demo {

QList<EventSpec> driverAppEvents()
{
    return {
        {QStringLiteral("init-work"), QStringLiteral("driver_online_switch"), QStringLiteral("出车/收车"),
         QStringLiteral("听单"), Level::C, QStringLiteral("司机切换出车或收车，是在线运力的口径"),
         QStringLiteral("点击“出车”或“收车”且服务端确认后"),
         QStringLiteral("vehicle_type!,result!,online_duration:收车时上报本次在线时长,listening_radius"),
         QStringLiteral("运力,核心链路")},
        {QStringLiteral("init-work"), QStringLiteral("order_hall_view"), QStringLiteral("抢单大厅浏览"),
         QStringLiteral("听单"), Level::B, QStringLiteral("抢单大厅列表展示"), QStringLiteral("抢单大厅可见时"),
         QStringLiteral("page_stay_duration,listening_radius,load_duration_ms"), QStringLiteral("听单")},
        {QStringLiteral("init-work"), QStringLiteral("order_push_receive"), QStringLiteral("订单推送到达"),
         QStringLiteral("听单"), Level::C, QStringLiteral("新订单推送到达司机设备"),
         QStringLiteral("长连接收到派单消息时"),
         QStringLiteral("order_id!,order_type!,distance_to_pickup!,order_amount"), QStringLiteral("听单,派单")},
        {QStringLiteral("init-work"), QStringLiteral("order_card_click"), QStringLiteral("订单卡片点击"),
         QStringLiteral("听单"), Level::B, QStringLiteral("点击订单卡片查看详情"), QStringLiteral("点击订单卡片时"),
         QStringLiteral("order_id!,distance_to_pickup,order_amount,order_type"), QStringLiteral("听单,点击")},
        {QStringLiteral("init-work"), QStringLiteral("driver_accept_order"), QStringLiteral("司机接单"),
         QStringLiteral("听单"), Level::C, QStringLiteral("司机抢单或接受派单成功"),
         QStringLiteral("点击“抢单”后服务端返回抢单成功时"),
         QStringLiteral("order_id!,order_type!,distance_to_pickup!,vehicle_type!,grab_result!,pickup_eta"),
         QStringLiteral("核心链路,接单")},
        {QStringLiteral("init-work"), QStringLiteral("order_grab_fail"), QStringLiteral("抢单失败"),
         QStringLiteral("听单"), Level::C, QStringLiteral("抢单未成功"), QStringLiteral("点击“抢单”后服务端返回失败时"),
         QStringLiteral("order_id!,grab_result!,distance_to_pickup"), QStringLiteral("接单,异常")},
        {QStringLiteral("init-work"), QStringLiteral("listening_range_set"), QStringLiteral("设置听单范围"),
         QStringLiteral("听单"), Level::B, QStringLiteral("修改听单半径"), QStringLiteral("听单设置页点击“保存”时"),
         QStringLiteral("listening_radius!,entry_page,result"), QStringLiteral("听单,设置")},

        {QStringLiteral("init-trip"), QStringLiteral("arrive_pickup_confirm"), QStringLiteral("到达装货地"),
         QStringLiteral("行程"), Level::D, QStringLiteral("司机确认到达装货地，开始计算等候时长"),
         QStringLiteral("点击“已到达”且定位校验通过时"),
         QStringLiteral("order_id!,distance_to_pickup!:确认时与装货地的直线距离,pickup_eta"),
         QStringLiteral("核心链路,行程")},
        {QStringLiteral("init-trip"), QStringLiteral("cargo_photo_upload"), QStringLiteral("装货拍照"),
         QStringLiteral("行程"), Level::C, QStringLiteral("装货时拍照留证"), QStringLiteral("照片上传完成时"),
         QStringLiteral("order_id!,cargo_photo_count!,result!"), QStringLiteral("行程,货损")},
        {QStringLiteral("init-trip"), QStringLiteral("cargo_loaded_confirm"), QStringLiteral("装货完成"),
         QStringLiteral("行程"), Level::C, QStringLiteral("司机确认装货完成，出发前往卸货地"),
         QStringLiteral("点击“装货完成”时"), QStringLiteral("order_id!,cargo_photo_count,waypoint_index"),
         QStringLiteral("行程")},
        {QStringLiteral("init-trip"), QStringLiteral("navigation_start"), QStringLiteral("开始导航"),
         QStringLiteral("行程"), Level::B, QStringLiteral("拉起导航"), QStringLiteral("点击“导航”并成功拉起导航应用时"),
         QStringLiteral("order_id!,navigation_app!,waypoint_index"), QStringLiteral("行程,导航")},
        {QStringLiteral("init-trip"), QStringLiteral("waypoint_arrive"), QStringLiteral("到达途经点"),
         QStringLiteral("行程"), Level::C, QStringLiteral("到达一个途经点"), QStringLiteral("点击“到达途经点”时"),
         QStringLiteral("order_id!,waypoint_index!,result"), QStringLiteral("行程")},
        {QStringLiteral("init-trip"), QStringLiteral("arrive_destination_confirm"), QStringLiteral("到达卸货地"),
         QStringLiteral("行程"), Level::D, QStringLiteral("司机确认到达卸货地"), QStringLiteral("点击“已到达卸货地”时"),
         QStringLiteral("order_id!,waypoint_index!,order_amount"), QStringLiteral("核心链路,行程")},
        {QStringLiteral("init-trip"), QStringLiteral("order_complete_confirm"), QStringLiteral("完成订单"),
         QStringLiteral("行程"), Level::D, QStringLiteral("司机确认完成订单，进入结算；完单量口径"),
         QStringLiteral("点击“完成订单”且服务端结算成功时"),
         QStringLiteral("order_id!,order_amount!,income_amount!,extra_fee_items"), QStringLiteral("核心链路,结算")},
        {QStringLiteral("init-trip"), QStringLiteral("extra_fee_submit"), QStringLiteral("提交额外费用"),
         QStringLiteral("行程"), Level::C, QStringLiteral("提交停车费、过路费等额外费用"),
         QStringLiteral("额外费用页点击“提交”时"), QStringLiteral("order_id!,extra_fee_types!,extra_fee_items!"),
         QStringLiteral("行程,结算")},

        {QStringLiteral("init-wallet"), QStringLiteral("wallet_view"), QStringLiteral("钱包浏览"),
         QStringLiteral("钱包"), Level::B, QStringLiteral("钱包页展示"), QStringLiteral("钱包页可见时"),
         QStringLiteral("income_amount,page_stay_duration,load_duration_ms"), QStringLiteral("钱包")},
        {QStringLiteral("init-wallet"), QStringLiteral("income_detail_view"), QStringLiteral("收入明细浏览"),
         QStringLiteral("钱包"), Level::B, QStringLiteral("查看收入明细"), QStringLiteral("收入明细页可见时"),
         QStringLiteral("income_amount,order_ids,page_stay_duration"), QStringLiteral("钱包")},
        {QStringLiteral("init-wallet"), QStringLiteral("withdraw_apply"), QStringLiteral("申请提现"),
         QStringLiteral("钱包"), Level::C, QStringLiteral("发起提现申请"),
         QStringLiteral("点击“确认提现”且服务端受理时"), QStringLiteral("withdraw_amount!,result!,error_code"),
         QStringLiteral("钱包,资金")},
        {QStringLiteral("init-wallet"), QStringLiteral("withdraw_result"), QStringLiteral("提现结果"),
         QStringLiteral("钱包"), Level::D, QStringLiteral("提现到账或失败，资金安全监控"),
         QStringLiteral("收到提现结果推送时"), QStringLiteral("withdraw_amount!,result!,error_code"),
         QStringLiteral("钱包,资金,核心链路")},

        {QStringLiteral("init-verify"), QStringLiteral("id_verify_submit"), QStringLiteral("提交实名认证"),
         QStringLiteral("认证"), Level::C, QStringLiteral("提交身份证信息进行实名认证"),
         QStringLiteral("点击“提交认证”且服务端受理时"),
         QStringLiteral("id_card_no!:敏感信息，采集端加密、仅存哈希,verify_result!,error_code"),
         QStringLiteral("认证,隐私")},
        {QStringLiteral("init-verify"), QStringLiteral("vehicle_verify_submit"), QStringLiteral("提交车辆认证"),
         QStringLiteral("认证"), Level::C, QStringLiteral("提交行驶证与车辆照片"),
         QStringLiteral("点击“提交”且服务端受理时"), QStringLiteral("license_plate!,vehicle_type!,verify_result!"),
         QStringLiteral("认证")},
        {QStringLiteral("init-verify"), QStringLiteral("face_verify_result"), QStringLiteral("人脸识别结果"),
         QStringLiteral("认证"), Level::C, QStringLiteral("出车前人脸核验结果"), QStringLiteral("人脸核验返回结果时"),
         QStringLiteral("face_verify_score!,verify_result!,entry_page"), QStringLiteral("认证,安全")},

        {QStringLiteral("init-misc"), QStringLiteral("message_center_view"), QStringLiteral("消息中心浏览"),
         QStringLiteral("消息"), Level::B, QStringLiteral("消息中心展示"), QStringLiteral("消息中心可见时"),
         QStringLiteral("page_stay_duration,entry_page,load_duration_ms"), QStringLiteral("消息")},
        {QStringLiteral("init-misc"), QStringLiteral("system_notice_click"), QStringLiteral("通知点击"),
         QStringLiteral("消息"), Level::B, QStringLiteral("点击一条通知"), QStringLiteral("点击通知条目时"),
         QStringLiteral("message_id!,notice_type!,entry_page"), QStringLiteral("消息,点击")},
        {QStringLiteral("init-misc"), QStringLiteral("driver_rating_view"), QStringLiteral("查看服务分"),
         QStringLiteral("我的"), Level::B, QStringLiteral("查看服务分与评价"), QStringLiteral("服务分页可见时"),
         QStringLiteral("rating_score,rating_tags,entry_page"), QStringLiteral("我的")},
        {QStringLiteral("init-misc"), QStringLiteral("heat_map_view"), QStringLiteral("热力图浏览"),
         QStringLiteral("听单"), Level::B, QStringLiteral("查看订单热力图"), QStringLiteral("热力图页可见时"),
         QStringLiteral("hot_grid_ids,page_stay_duration,listening_radius"), QStringLiteral("听单")},
        {QStringLiteral("init-misc"), QStringLiteral("driver_login_success"), QStringLiteral("司机登录成功"),
         QStringLiteral("登录"), Level::C, QStringLiteral("司机登录成功"), QStringLiteral("服务端返回登录成功时"),
         QStringLiteral("result!,entry_page,load_duration_ms"), QStringLiteral("登录")},
        {QStringLiteral("init-misc"), QStringLiteral("sos_click"), QStringLiteral("一键求助"), QStringLiteral("安全"),
         Level::D, QStringLiteral("行程中触发一键求助，安全团队实时响应"), QStringLiteral("长按求助按钮3秒确认后"),
         QStringLiteral("sos_type!,gps_accuracy!:安全团队据此判断定位可信度,order_id:行程中触发时上报"),
         QStringLiteral("安全,核心链路")},
        {QStringLiteral("init-misc"), QStringLiteral("trip_recording_upload"), QStringLiteral("行程录音上传"),
         QStringLiteral("安全"), Level::C, QStringLiteral("行程录音分片上传完成"), QStringLiteral("录音文件上传成功时"),
         QStringLiteral("order_id!,recording_duration!,result!"), QStringLiteral("安全")},

        {QStringLiteral("multi-order"), QStringLiteral("multi_order_accept"), QStringLiteral("顺路单接单"),
         QStringLiteral("听单"), Level::D, QStringLiteral("一次接多个顺路订单"),
         QStringLiteral("顺路单确认页点击“全部接单”成功时"),
         QStringLiteral("order_ids!,distance_to_pickup!,vehicle_type!,order_amount"), QStringLiteral("接单,顺路单")},
        {QStringLiteral("multi-order"), QStringLiteral("multi_order_list_view"), QStringLiteral("顺路单列表浏览"),
         QStringLiteral("听单"), Level::B, QStringLiteral("顺路单推荐列表展示"), QStringLiteral("顺路单列表可见时"),
         QStringLiteral("order_ids,page_stay_duration,load_duration_ms"), QStringLiteral("顺路单")},
        {QStringLiteral("dispatch-pref"), QStringLiteral("dispatch_preference_save"), QStringLiteral("接单偏好保存"),
         QStringLiteral("听单"), Level::B, QStringLiteral("保存接单偏好（单型、范围）"),
         QStringLiteral("偏好设置点击“保存”时"), QStringLiteral("listening_radius!,order_type,vehicle_type"),
         QStringLiteral("听单,设置")},
        {QStringLiteral("page-stay"), QStringLiteral("driver_page_stay"), QStringLiteral("全量页面停留"),
         QStringLiteral("通用"), Level::A, QStringLiteral("所有页面停留时长自动采集"), QStringLiteral("任意页面离开时"),
         QStringLiteral("entry_page!,page_stay_duration!"), QStringLiteral("全埋点")},
        {QStringLiteral("safety-check"), QStringLiteral("fatigue_reminder_show"), QStringLiteral("疲劳驾驶提醒"),
         QStringLiteral("安全"), Level::C, QStringLiteral("连续在线超过4小时弹出休息提醒"),
         QStringLiteral("提醒弹窗展示时"), QStringLiteral("online_duration!,result,order_id:服务中触发时上报"),
         QStringLiteral("安全")},
        {QStringLiteral("insurance"), QStringLiteral("cargo_insurance_select"), QStringLiteral("货物保险选择"),
         QStringLiteral("行程"), Level::C, QStringLiteral("司机为货物选择保险方案"), QStringLiteral("保险方案选中时"),
         QStringLiteral("order_id!,insurance_plan!,order_amount"), QStringLiteral("保险")},
    };
}

QList<DemandSpec> driverAppDemands()
{
    const QString li = QStringLiteral("li.na");
    const QString wang = QStringLiteral("wang.lei");
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
    const QString v58 = QStringLiteral("5.8.0");
    add(v58, li, QStringLiteral("司机端公共属性规范"), QStringLiteral("司机ID、出车状态等公共属性"), Priority::P0)
        .commonAttributes = true;
    add(v58, li, QStringLiteral("听单与接单埋点梳理"), QStringLiteral("出车、推送、抢单"), Priority::P0).batch =
        QStringLiteral("init-work");
    add(v58, li, QStringLiteral("行程埋点梳理"), QStringLiteral("到达、装货、导航、完单"), Priority::P0).batch =
        QStringLiteral("init-trip");
    add(v58, wang, QStringLiteral("钱包与提现埋点梳理"), QStringLiteral("收入、提现"), Priority::P1).batch =
        QStringLiteral("init-wallet");
    add(v58, wang, QStringLiteral("认证埋点梳理"), QStringLiteral("实名、车辆与人脸认证"), Priority::P1).batch =
        QStringLiteral("init-verify");
    add(v58, wang, QStringLiteral("消息、安全与其他埋点梳理"), QStringLiteral("消息中心、服务分、安全"), Priority::P2)
        .batch = QStringLiteral("init-misc");

    const QString v59 = QStringLiteral("5.9.0");
    add(v59, li, QStringLiteral("顺路单"), QStringLiteral("一次接多个顺路订单"), Priority::P0).batch =
        QStringLiteral("multi-order");
    {
        DemandSpec& s = add(v59, li, QStringLiteral("司机接单升级为D级"),
                            QStringLiteral("接单是运力供给的核心指标，需要实时监控与告警"), Priority::P1);
        s.comment = QStringLiteral("同意升级，已配置实时流");
        s.eventEdits << qMakePair(QStringLiteral("driver_accept_order"), EventEdit([](Event& e) {
                                      e.level = Level::D;
                                      e.description = QStringLiteral("司机抢单或接受派单成功；接单率、应答时长的口径");
                                  }));
    }
    {
        DemandSpec& s =
            add(v59, li, QStringLiteral("抢单失败原因结构化"), QStringLiteral("抢单失败必须带失败原因"), Priority::P1);
        s.eventEdits << qMakePair(QStringLiteral("order_grab_fail"), EventEdit([](Event& e) {
                                      e.bindings.insert(2, Binding{QStringLiteral("fail_reason"), true, {}});
                                  }));
    }
    {
        DemandSpec& s =
            add(v59, li, QStringLiteral("热力图下线"), QStringLiteral("热力图功能并入抢单大厅"), Priority::P2);
        s.eventEdits << qMakePair(QStringLiteral("heat_map_view"), EventEdit([](Event& e) {
                                      e.status = EventStatus::Deprecated;
                                      e.deprecatedIn = QStringLiteral("5.9.0");
                                  }));
        // The heat map lives on inside the order hall, so its grid attribute stays in use.
        s.eventEdits << qMakePair(QStringLiteral("order_hall_view"), EventEdit([](Event& e) {
                                      e.bindings.append(Binding{QStringLiteral("hot_grid_ids"), false,
                                                                QStringLiteral("抢单大厅内嵌热力网格")});
                                  }));
    }

    const QString v510 = QStringLiteral("5.10.0");
    add(v510, li, QStringLiteral("接单偏好设置"), QStringLiteral("司机可保存单型与范围偏好"), Priority::P2).batch =
        QStringLiteral("dispatch-pref");
    {
        DemandSpec& s = add(v510, li, QStringLiteral("听单范围上限收紧"),
                            QStringLiteral("超过50公里的听单范围接单后取消率过高，上限改为50公里"), Priority::P1);
        s.attributeEdits << qMakePair(QStringLiteral("listening_radius"), AttributeEdit([](Attribute& a) {
                                          a.maxValue = 50;
                                          a.description = QStringLiteral("司机设置的接单半径（5.10.0起上限50公里）");
                                      }));
    }
    {
        DemandSpec& s = add(v510, li, QStringLiteral("热力图埋点移除"),
                            QStringLiteral("5.9.0已下线，老版本占比已低于1%"), Priority::P3);
        s.eventEdits << qMakePair(QStringLiteral("heat_map_view"),
                                  EventEdit([](Event& e) { e.status = EventStatus::Removed; }));
    }
    {
        DemandSpec& s = add(v510, wang, QStringLiteral("全量页面停留时长"), QStringLiteral("所有页面自动采集停留时长"),
                            Priority::P3);
        s.batch = QStringLiteral("page-stay");
        s.outcome = DemandStatus::Rejected;
        s.comment = QStringLiteral("与现有页面浏览事件重复，且无明确使用方");
    }
    {
        DemandSpec& s = add(v510, wang, QStringLiteral("行程录音改为仅安卓上报"),
                            QStringLiteral("iOS后台录音受限，先只在安卓采集"), Priority::P2);
        s.outcome = DemandStatus::Cancelled;
        s.comment = QStringLiteral("iOS方案已找到，需求取消");
        s.eventEdits << qMakePair(QStringLiteral("trip_recording_upload"),
                                  EventEdit([](Event& e) { e.platforms = QStringList{QStringLiteral("android")}; }));
    }

    const QString v511 = QStringLiteral("5.11.0");
    add(v511, wang, QStringLiteral("疲劳驾驶提醒"), QStringLiteral("连续在线4小时提醒休息"), Priority::P0).batch =
        QStringLiteral("safety-check");
    {
        DemandSpec& s =
            add(v511, li, QStringLiteral("货物保险"), QStringLiteral("司机端可为货物选择保险方案"), Priority::P2);
        s.batch = QStringLiteral("insurance");
        s.outcome = DemandStatus::Draft;
    }
    {
        DemandSpec& s = add(v511, wang, QStringLiteral("提现记录银行卡尾号"),
                            QStringLiteral("风控需要按银行卡核对提现；尾号为敏感信息"), Priority::P1);
        s.outcome = DemandStatus::InReview;
        s.eventEdits << qMakePair(QStringLiteral("withdraw_apply"), EventEdit([](Event& e) {
                                      e.bindings.append(Binding{QStringLiteral("bank_card_last4"), false,
                                                                QStringLiteral("敏感信息，仅风控可查")});
                                  }));
    }
    {
        DemandSpec& s = add(v511, li, QStringLiteral("装货照片数改为必填"), QStringLiteral("货损纠纷需要装货照片佐证"),
                            Priority::P1);
        s.outcome = DemandStatus::Approved;
        s.comment = QStringLiteral("同意；注意这是不兼容变更，老版本需兼容");
        s.eventEdits << qMakePair(QStringLiteral("cargo_loaded_confirm"), EventEdit([](Event& e) {
                                      for (Binding& b : e.bindings) {
                                          if (b.attributeKey == QLatin1String("cargo_photo_count")) {
                                              b.required = true;
                                          }
                                      }
                                  }));
    }
    return d;
}

} // namespace tp::demo
