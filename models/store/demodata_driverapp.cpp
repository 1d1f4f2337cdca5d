// The driver app of the demo: go online, receive and accept orders, run the trip, get paid.

#include "demodata.h"

namespace tp::demo {
namespace {

using T = AttrType;

QList<Attribute> attributes()
{
    const QString money = QStringLiteral("元");
    const QString km = QStringLiteral("公里");
    const QString sec = QStringLiteral("秒");
    return {
        common(withPattern(attr(QStringLiteral("driver_id"), QStringLiteral("司机ID"), T::String,
                                QStringLiteral("司机的假名ID，与手机号、身份证解耦"), QStringLiteral("d########"),
                                Privacy::Pseudonymous),
                           QStringLiteral("^d[0-9]{8,12}$"))),
        common(withMaxLength(attr(QStringLiteral("anonymous_id"), QStringLiteral("匿名设备ID"), T::String,
                                  QStringLiteral("设备级匿名ID，登录前的行为靠它关联"), QStringLiteral("a-########"),
                                  Privacy::Pseudonymous),
                             64)),
        common(withRange(attr(QStringLiteral("city_id"), QStringLiteral("城市ID"), T::Integer,
                              QStringLiteral("司机注册城市的行政区划代码"), QStringLiteral("440300")),
                         100000, 999999)),
        common(withPattern(attr(QStringLiteral("app_version"), QStringLiteral("应用版本"), T::String,
                                QStringLiteral("司机端版本号"), QStringLiteral("5.9.0")),
                           QStringLiteral("^[0-9]+\\.[0-9]+\\.[0-9]+$"))),
        common(withValues(attr(QStringLiteral("os"), QStringLiteral("操作系统"), T::Enum,
                               QStringLiteral("设备操作系统"), QStringLiteral("android")),
                          QStringLiteral("android=安卓,ios=iOS,harmonyos=鸿蒙"))),
        common(withValues(attr(QStringLiteral("platform"), QStringLiteral("端"), T::Enum,
                               QStringLiteral("事件来自哪个端"), QStringLiteral("android")),
                          QStringLiteral("android=安卓App,ios=iOS App"))),
        common(
            withValues(attr(QStringLiteral("network"), QStringLiteral("网络类型"), T::Enum,
                            QStringLiteral("上报时的网络类型；司机端弱网比例高，需关注离线补报"), QStringLiteral("4g")),
                       QStringLiteral("wifi=WiFi,5g=5G,4g=4G,3g=3G,offline=离线,unknown=未知"))),
        common(withValues(attr(QStringLiteral("online_status"), QStringLiteral("出车状态"), T::Enum,
                               QStringLiteral("事件发生时司机的出车状态"), QStringLiteral("online")),
                          QStringLiteral("online=听单中,busy=服务中,offline=收车"))),
        common(attr(QStringLiteral("client_time"), QStringLiteral("客户端时间"), T::DateTime,
                    QStringLiteral("事件在客户端发生的时间（带时区）"), QStringLiteral("2026-01-05T09:30:00+08:00"))),
        withPattern(attr(QStringLiteral("order_id"), QStringLiteral("订单号"), T::String, QStringLiteral("18位订单号"),
                         QStringLiteral("2026##############"), Privacy::None, QStringLiteral("order")),
                    QStringLiteral("^[0-9]{18}$")),
        withPattern(attr(QStringLiteral("order_ids"), QStringLiteral("订单号列表"), T::ArrayString,
                         QStringLiteral("顺路单、收入明细等场景涉及的多个订单号"),
                         QStringLiteral("2026##############,2026##############"), Privacy::None,
                         QStringLiteral("order")),
                    QStringLiteral("^[0-9]{18}$")),
        withRange(attr(QStringLiteral("order_amount"), QStringLiteral("订单金额"), T::Number,
                       QStringLiteral("订单总价（司机可见口径）"), QStringLiteral("86.5"), Privacy::None,
                       QStringLiteral("order")),
                  0, 100000, money),
        withValues(attr(QStringLiteral("order_type"), QStringLiteral("订单类型"), T::Enum,
                        QStringLiteral("即时单、预约单或拼车单"), QStringLiteral("immediate"), Privacy::None,
                        QStringLiteral("order")),
                   QStringLiteral("immediate=即时单,reservation=预约单,carpool=拼车单")),
        withValues(attr(QStringLiteral("vehicle_type"), QStringLiteral("车型"), T::Enum,
                        QStringLiteral("司机认证的车型"), QStringLiteral("medium_van"), Privacy::None,
                        QStringLiteral("vehicle")),
                   QStringLiteral("mini_van=小面包车,medium_van=中面包车,small_truck=小货车,medium_truck=中货车,"
                                  "large_truck=大货车,flatbed=平板车")),
        withPattern(attr(QStringLiteral("license_plate"), QStringLiteral("车牌号"), T::String,
                         QStringLiteral("认证车辆的车牌号；个人信息，数仓内脱敏"), QStringLiteral("粤B#####"),
                         Privacy::Personal, QStringLiteral("vehicle")),
                    QStringLiteral("^[\\x{4e00}-\\x{9fa5}][A-Z][A-Z0-9]{5,6}$"), 8),
        withRange(attr(QStringLiteral("distance_to_pickup"), QStringLiteral("距装货地距离"), T::Number,
                       QStringLiteral("司机当前位置到装货地的导航距离"), QStringLiteral("3.4")),
                  0, 100, km),
        withRange(attr(QStringLiteral("pickup_eta"), QStringLiteral("预计到达装货地时长"), T::Integer,
                       QStringLiteral("按导航预估的到达时长"), QStringLiteral("600")),
                  0, 7200, sec),
        withValues(attr(QStringLiteral("grab_result"), QStringLiteral("抢单结果"), T::Enum,
                        QStringLiteral("抢单请求的结果"), QStringLiteral("success")),
                   QStringLiteral("success=抢单成功,taken=已被抢,timeout=超时")),
        withValues(attr(QStringLiteral("fail_reason"), QStringLiteral("失败原因"), T::Enum,
                        QStringLiteral("抢单失败的具体原因"), QStringLiteral("taken_by_others")),
                   QStringLiteral("taken_by_others=已被他人抢走,vehicle_mismatch=车型不符,out_of_range=超出接单范围,"
                                  "timeout=超时,other=其他")),
        withRange(attr(QStringLiteral("income_amount"), QStringLiteral("收入金额"), T::Number,
                       QStringLiteral("司机本单或本期实际收入"), QStringLiteral("72.3"), Privacy::None,
                       QStringLiteral("wallet")),
                  0, 1000000, money),
        withRange(attr(QStringLiteral("withdraw_amount"), QStringLiteral("提现金额"), T::Number,
                       QStringLiteral("单次提现金额"), QStringLiteral("500"), Privacy::None, QStringLiteral("wallet")),
                  1, 50000, money),
        withPattern(attr(QStringLiteral("bank_card_last4"), QStringLiteral("银行卡尾号"), T::String,
                         QStringLiteral("提现银行卡后四位；敏感信息，仅风控可查"), QStringLiteral("####"),
                         Privacy::Sensitive, QStringLiteral("wallet")),
                    QStringLiteral("^[0-9]{4}$"), 4),
        withPattern(attr(QStringLiteral("id_card_no"), QStringLiteral("身份证号"), T::String,
                         QStringLiteral("实名认证提交的身份证号；敏感信息，采集端加密、只存哈希"),
                         QStringLiteral("11010519491231002X"), Privacy::Sensitive),
                    QStringLiteral("^[0-9]{17}[0-9X]$"), 18),
        withRange(attr(QStringLiteral("face_verify_score"), QStringLiteral("人脸比对分数"), T::Number,
                       QStringLiteral("活体检测与证件照比对分数"), QStringLiteral("92.5")),
                  0, 100),
        withValues(attr(QStringLiteral("verify_result"), QStringLiteral("认证结果"), T::Enum,
                        QStringLiteral("认证审核结果"), QStringLiteral("pass")),
                   QStringLiteral("pass=通过,fail=不通过,manual_review=转人工审核")),
        withRange(attr(QStringLiteral("cargo_photo_count"), QStringLiteral("货物照片数"), T::Integer,
                       QStringLiteral("装货时拍摄的照片张数"), QStringLiteral("3")),
                  0, 9),
        withRange(attr(QStringLiteral("waypoint_index"), QStringLiteral("途经点序号"), T::Integer,
                       QStringLiteral("当前途经点序号，从1开始"), QStringLiteral("1")),
                  1, 10),
        withValues(attr(QStringLiteral("navigation_app"), QStringLiteral("导航应用"), T::Enum,
                        QStringLiteral("司机选择的导航"), QStringLiteral("amap")),
                   QStringLiteral("amap=高德地图,baidu=百度地图,tencent=腾讯地图,in_app=内置导航")),
        withRange(attr(QStringLiteral("rating_score"), QStringLiteral("服务分"), T::Number,
                       QStringLiteral("司机当前服务分"), QStringLiteral("96.5")),
                  0, 100),
        withMaxLength(attr(QStringLiteral("rating_tags"), QStringLiteral("评价标签"), T::ArrayString,
                           QStringLiteral("近30天收到的评价标签"), QStringLiteral("准时,服务好")),
                      16),
        withMaxLength(attr(QStringLiteral("message_id"), QStringLiteral("消息ID"), T::String,
                           QStringLiteral("消息中心的消息ID"), QStringLiteral("msg_########")),
                      40),
        withValues(attr(QStringLiteral("notice_type"), QStringLiteral("通知类型"), T::Enum, QStringLiteral("消息分类"),
                        QStringLiteral("system")),
                   QStringLiteral("system=系统通知,activity=活动,penalty=违规处理,income=收入到账")),
        withRange(attr(QStringLiteral("recording_duration"), QStringLiteral("录音时长"), T::Integer,
                       QStringLiteral("行程录音的时长"), QStringLiteral("1800")),
                  0, 86400, sec),
        withValues(attr(QStringLiteral("sos_type"), QStringLiteral("求助类型"), T::Enum,
                        QStringLiteral("一键求助的方式"), QStringLiteral("platform")),
                   QStringLiteral("police=报警,emergency_contact=紧急联系人,platform=平台安全客服")),
        withRange(attr(QStringLiteral("listening_radius"), QStringLiteral("听单范围"), T::Number,
                       QStringLiteral("司机设置的接单半径"), QStringLiteral("10")),
                  1, 100, km),
        withRange(attr(QStringLiteral("online_duration"), QStringLiteral("在线时长"), T::Integer,
                       QStringLiteral("本次出车的累计在线时长"), QStringLiteral("14400")),
                  0, 86400, sec),
        withRange(attr(QStringLiteral("extra_fee_items"), QStringLiteral("额外费用金额"), T::ArrayNumber,
                       QStringLiteral("停车费、过路费等额外费用的金额，与extra_fee_types一一对应"),
                       QStringLiteral("[10, 25.5]")),
                  0, 2000, money),
        withMaxLength(attr(QStringLiteral("extra_fee_types"), QStringLiteral("额外费用类型"), T::ArrayString,
                           QStringLiteral("额外费用类型编码"), QStringLiteral("parking,toll")),
                      16),
        withRange(attr(QStringLiteral("hot_grid_ids"), QStringLiteral("热力网格ID"), T::ArrayInteger,
                       QStringLiteral("热力图中可见的网格ID"), QStringLiteral("[10231, 10232]")),
                  1, std::nullopt),
        withMaxLength(attr(QStringLiteral("entry_page"), QStringLiteral("来源页面"), T::String,
                           QStringLiteral("进入当前页面前所在的页面"), QStringLiteral("order_hall")),
                      64),
        withValues(attr(QStringLiteral("result"), QStringLiteral("结果"), T::Enum, QStringLiteral("操作结果"),
                        QStringLiteral("success")),
                   QStringLiteral("success=成功,fail=失败")),
        withPattern(attr(QStringLiteral("error_code"), QStringLiteral("错误码"), T::String,
                         QStringLiteral("服务端返回的错误码"), QStringLiteral("WITHDRAW_LIMIT")),
                    QStringLiteral("^[A-Z0-9_]+$"), 32),
        withRange(attr(QStringLiteral("page_stay_duration"), QStringLiteral("页面停留时长"), T::Integer,
                       QStringLiteral("从页面可见到离开的时长"), QStringLiteral("35")),
                  0, 86400, sec),
        withRange(attr(QStringLiteral("load_duration_ms"), QStringLiteral("加载耗时"), T::Integer,
                       QStringLiteral("从发起请求到渲染完成的耗时"), QStringLiteral("640")),
                  0, 60000, QStringLiteral("毫秒")),
        withRange(attr(QStringLiteral("gps_accuracy"), QStringLiteral("定位精度"), T::Number,
                       QStringLiteral("系统定位给出的水平精度半径"), QStringLiteral("15")),
                  0, 5000, QStringLiteral("米")),
        withValues(attr(QStringLiteral("insurance_plan"), QStringLiteral("保险方案"), T::Enum,
                        QStringLiteral("货物保险档位"), QStringLiteral("basic")),
                   QStringLiteral("basic=基础保障,standard=标准保障,premium=全额保障")),
    };
}

} // namespace

QList<EventSpec> driverAppEvents();
QList<DemandSpec> driverAppDemands();

AppSpec driverAppSpec()
{
    AppSpec s;
    s.app = {QStringLiteral("driver-app"),
             QStringLiteral("司机端"),
             QStringLiteral("面向货车司机的接单App：出车听单、抢单、行程、收入与提现、认证。"),
             {QStringLiteral("android"), QStringLiteral("ios")},
             0};
    s.owners = {QStringLiteral("li.na"), QStringLiteral("wang.lei")};
    s.steward = QStringLiteral("zhao.ting");
    s.versions = {
        {QStringLiteral("5.8.0"), QStringLiteral("埋点平台接入：整理线上已有埋点"), VersionStatus::Released, 0},
        {QStringLiteral("5.9.0"), QStringLiteral("顺路单、抢单失败归因"), VersionStatus::Released, 1},
        {QStringLiteral("5.10.0"), QStringLiteral("接单偏好、听单范围收紧"), VersionStatus::Released, 2},
        {QStringLiteral("5.11.0"), QStringLiteral("疲劳驾驶提醒、货物保险"), VersionStatus::Planning, 3},
    };
    s.attributes = attributes();
    s.events = driverAppEvents();
    s.demands = driverAppDemands();
    return s;
}

} // namespace tp::demo
