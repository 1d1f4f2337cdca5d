// The enterprise web console of the demo: companies book freight for their departments,
// approve orders, top up their account and reconcile invoices. Also server-side events.

#include "demodata.h"

namespace tp::demo {
namespace {

using T = AttrType;

QList<Attribute> attributes()
{
    const QString money = QStringLiteral("元");
    return {
        common(withPattern(attr(QStringLiteral("enterprise_id"), QStringLiteral("企业ID"), T::String,
                                QStringLiteral("企业客户ID"), QStringLiteral("E########"), Privacy::Pseudonymous),
                           QStringLiteral("^E[0-9]{8}$"))),
        common(withPattern(attr(QStringLiteral("employee_id"), QStringLiteral("员工ID"), T::String,
                                QStringLiteral("操作员工的假名ID；服务端事件为空"), QStringLiteral("emp######"),
                                Privacy::Pseudonymous),
                           QStringLiteral("^emp[0-9]{6,10}$"))),
        common(withValues(attr(QStringLiteral("user_role"), QStringLiteral("员工角色"), T::Enum,
                               QStringLiteral("操作员工在企业内的角色"), QStringLiteral("admin")),
                          QStringLiteral("admin=管理员,finance=财务,dispatcher=调度员,employee=普通员工"))),
        common(withValues(attr(QStringLiteral("platform"), QStringLiteral("端"), T::Enum,
                               QStringLiteral("网页端或服务端"), QStringLiteral("web")),
                          QStringLiteral("web=网页,server=服务端"))),
        common(withMaxLength(attr(QStringLiteral("browser"), QStringLiteral("浏览器"), T::String,
                                  QStringLiteral("浏览器及主版本；服务端事件为空"), QStringLiteral("Chrome 120")),
                             64)),
        common(attr(QStringLiteral("client_time"), QStringLiteral("事件时间"), T::DateTime,
                    QStringLiteral("事件发生时间（带时区）"), QStringLiteral("2026-01-05T09:30:00+08:00"))),
        withPattern(attr(QStringLiteral("order_id"), QStringLiteral("订单号"), T::String, QStringLiteral("18位订单号"),
                         QStringLiteral("2026##############"), Privacy::None, QStringLiteral("order")),
                    QStringLiteral("^[0-9]{18}$")),
        withRange(attr(QStringLiteral("order_amount"), QStringLiteral("订单金额"), T::Number,
                       QStringLiteral("订单总价，批量下单时为合计"), QStringLiteral("1260"), Privacy::None,
                       QStringLiteral("order")),
                  0, 10000000, money),
        withValues(attr(QStringLiteral("vehicle_type"), QStringLiteral("车型"), T::Enum, QStringLiteral("所选车型"),
                        QStringLiteral("medium_truck"), Privacy::None, QStringLiteral("order")),
                   QStringLiteral("mini_van=小面包车,medium_van=中面包车,small_truck=小货车,medium_truck=中货车,"
                                  "large_truck=大货车,flatbed=平板车")),
        withMaxLength(attr(QStringLiteral("cost_center"), QStringLiteral("成本中心"), T::String,
                           QStringLiteral("费用归属的成本中心编码"), QStringLiteral("CC-LOGISTICS-01")),
                      32),
        withPattern(attr(QStringLiteral("department_id"), QStringLiteral("部门ID"), T::String,
                         QStringLiteral("企业内部门ID"), QStringLiteral("dept_###")),
                    QStringLiteral("^dept_[0-9]{3,6}$")),
        withPattern(attr(QStringLiteral("approval_id"), QStringLiteral("审批单号"), T::String,
                         QStringLiteral("用车审批单号"), QStringLiteral("AP##########"), Privacy::None,
                         QStringLiteral("approval")),
                    QStringLiteral("^AP[0-9]{10}$")),
        withValues(attr(QStringLiteral("approval_result"), QStringLiteral("审批结果"), T::Enum,
                        QStringLiteral("审批结论"), QStringLiteral("approved"), Privacy::None,
                        QStringLiteral("approval")),
                   QStringLiteral("approved=通过,rejected=驳回,timeout=超时自动通过")),
        withRange(attr(QStringLiteral("approval_duration"), QStringLiteral("审批耗时"), T::Integer,
                       QStringLiteral("从提交到审批完成的时长"), QStringLiteral("1800"), Privacy::None,
                       QStringLiteral("approval")),
                  0, 604800, QStringLiteral("秒")),
        withRange(attr(QStringLiteral("order_count"), QStringLiteral("订单数"), T::Integer,
                       QStringLiteral("本次涉及的订单数"), QStringLiteral("12")),
                  0, 100000),
        withRange(attr(QStringLiteral("batch_file_rows"), QStringLiteral("文件行数"), T::Integer,
                       QStringLiteral("上传的Excel文件数据行数"), QStringLiteral("120")),
                  1, 5000),
        withRange(attr(QStringLiteral("fail_rows"), QStringLiteral("失败行号"), T::ArrayInteger,
                       QStringLiteral("校验失败的行号"), QStringLiteral("[3, 17, 42]")),
                  1, 5000),
        withRange(attr(QStringLiteral("recharge_amount"), QStringLiteral("充值金额"), T::Number,
                       QStringLiteral("企业账户充值金额"), QStringLiteral("50000"), Privacy::None,
                       QStringLiteral("account")),
                  100, 10000000, money),
        withRange(attr(QStringLiteral("balance_amount"), QStringLiteral("账户余额"), T::Number,
                       QStringLiteral("企业账户当前余额"), QStringLiteral("23800.5"), Privacy::None,
                       QStringLiteral("account")),
                  0, std::nullopt, money),
        withRange(attr(QStringLiteral("threshold_amount"), QStringLiteral("预警阈值"), T::Number,
                       QStringLiteral("企业设置的余额或预算预警阈值"), QStringLiteral("5000"), Privacy::None,
                       QStringLiteral("account")),
                  0, std::nullopt, money),
        withRange(attr(QStringLiteral("invoice_amount"), QStringLiteral("开票金额"), T::Number,
                       QStringLiteral("本次申请开票的金额"), QStringLiteral("18600"), Privacy::None,
                       QStringLiteral("invoice")),
                  0, 10000000, money),
        withValues(attr(QStringLiteral("invoice_type"), QStringLiteral("发票类型"), T::Enum,
                        QStringLiteral("申请的发票种类"), QStringLiteral("vat_special"), Privacy::None,
                        QStringLiteral("invoice")),
                   QStringLiteral("vat_special=增值税专用发票,vat_normal=增值税普通发票,e_invoice=电子发票")),
        withPattern(attr(QStringLiteral("tax_id"), QStringLiteral("纳税人识别号"), T::String,
                         QStringLiteral("统一社会信用代码"), QStringLiteral("91440300MA5F######"), Privacy::None,
                         QStringLiteral("invoice")),
                    QStringLiteral("^[0-9A-Z]{15,20}$"), 20),
        withValues(attr(QStringLiteral("report_type"), QStringLiteral("报表类型"), T::Enum, QStringLiteral("报表种类"),
                        QStringLiteral("cost")),
                   QStringLiteral("order=用车明细,cost=费用分析,department=部门汇总")),
        withRange(attr(QStringLiteral("date_range_days"), QStringLiteral("时间范围天数"), T::Integer,
                       QStringLiteral("报表或对账单覆盖的天数"), QStringLiteral("30")),
                  1, 366),
        withValues(attr(QStringLiteral("export_format"), QStringLiteral("导出格式"), T::Enum,
                        QStringLiteral("导出文件格式"), QStringLiteral("xlsx")),
                   QStringLiteral("xlsx=Excel,csv=CSV,pdf=PDF")),
        withRange(attr(QStringLiteral("employee_count"), QStringLiteral("员工数"), T::Integer,
                       QStringLiteral("本次涉及的员工数"), QStringLiteral("25")),
                  0, 100000),
        withMaxLength(attr(QStringLiteral("api_client_id"), QStringLiteral("接口客户端ID"), T::String,
                           QStringLiteral("开放平台应用的client_id"), QStringLiteral("cli_########")),
                      40),
        withRange(attr(QStringLiteral("api_latency_ms"), QStringLiteral("接口耗时"), T::Integer,
                       QStringLiteral("开放接口处理耗时"), QStringLiteral("180")),
                  0, 60000, QStringLiteral("毫秒")),
        withValues(attr(QStringLiteral("sso_provider"), QStringLiteral("单点登录方式"), T::Enum,
                        QStringLiteral("企业单点登录提供方"), QStringLiteral("feishu")),
                   QStringLiteral("dingtalk=钉钉,feishu=飞书,wecom=企业微信,saml=SAML")),
        withRange(attr(QStringLiteral("rule_amount_limit"), QStringLiteral("单笔限额"), T::Number,
                       QStringLiteral("用车规则中的单笔金额上限"), QStringLiteral("800")),
                  0, 1000000, money),
        withValues(attr(QStringLiteral("alert_channel"), QStringLiteral("提醒渠道"), T::Enum,
                        QStringLiteral("预警通知发送的渠道"), QStringLiteral("sms")),
                   QStringLiteral("sms=短信,email=邮件,site=站内信")),
        withValues(attr(QStringLiteral("login_method"), QStringLiteral("登录方式"), T::Enum,
                        QStringLiteral("账号登录方式"), QStringLiteral("password")),
                   QStringLiteral("password=账号密码,sms=短信验证码")),
        withValues(attr(QStringLiteral("pay_channel"), QStringLiteral("支付方式"), T::Enum,
                        QStringLiteral("充值使用的支付方式"), QStringLiteral("bank_transfer"), Privacy::None,
                        QStringLiteral("account")),
                   QStringLiteral("bank_transfer=对公转账,alipay=支付宝,wechat=微信支付")),
        withValues(attr(QStringLiteral("result"), QStringLiteral("结果"), T::Enum, QStringLiteral("操作结果"),
                        QStringLiteral("success")),
                   QStringLiteral("success=成功,fail=失败")),
        withPattern(attr(QStringLiteral("error_code"), QStringLiteral("错误码"), T::String,
                         QStringLiteral("服务端返回的错误码"), QStringLiteral("FILE_FORMAT")),
                    QStringLiteral("^[A-Z0-9_]+$"), 32),
        withRange(attr(QStringLiteral("page_stay_duration"), QStringLiteral("页面停留时长"), T::Integer,
                       QStringLiteral("页面可见到离开的时长"), QStringLiteral("120")),
                  0, 86400, QStringLiteral("秒")),
        withRange(attr(QStringLiteral("load_duration_ms"), QStringLiteral("加载耗时"), T::Integer,
                       QStringLiteral("页面首屏加载耗时"), QStringLiteral("1350")),
                  0, 60000, QStringLiteral("毫秒")),
    };
}

} // namespace

QList<EventSpec> enterpriseEvents();
QList<DemandSpec> enterpriseDemands();

AppSpec enterpriseSpec()
{
    AppSpec s;
    s.app = {QStringLiteral("enterprise-web"),
             QStringLiteral("企业版"),
             QStringLiteral("企业客户的网页控制台与开放接口：企业用车、审批、充值、发票与报表。"),
             {QStringLiteral("web"), QStringLiteral("server")},
             0};
    s.owners = {QStringLiteral("zhou.min")};
    s.steward = QStringLiteral("liu.yang");
    s.versions = {
        {QStringLiteral("2.0.0"), QStringLiteral("埋点平台接入：整理线上已有埋点"), VersionStatus::Released, 2},
        {QStringLiteral("2.1.0"), QStringLiteral("用车制度、批量下单失败回传"), VersionStatus::Released, 3},
        {QStringLiteral("2.2.0"), QStringLiteral("预算控制"), VersionStatus::Planning, 4},
    };
    s.attributes = attributes();
    s.events = enterpriseEvents();
    s.demands = enterpriseDemands();
    return s;
}

} // namespace tp::demo
