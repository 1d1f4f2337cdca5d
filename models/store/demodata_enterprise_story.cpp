// Events and demands of the enterprise console (see demodata_enterprise.cpp).

#include "demodata.h"

namespace tp::demo {

QList<EventSpec> enterpriseEvents()
{
    const QString web = QStringLiteral("web");
    const QString server = QStringLiteral("server");
    return {
        {QStringLiteral("init-account"), QStringLiteral("ent_login_success"), QStringLiteral("企业登录成功"),
         QStringLiteral("登录"), Level::C, QStringLiteral("账号密码或验证码登录成功"),
         QStringLiteral("服务端返回登录成功时"), QStringLiteral("login_method!,result!,load_duration_ms"),
         QStringLiteral("登录"), web},
        {QStringLiteral("init-account"), QStringLiteral("sso_login_success"), QStringLiteral("单点登录成功"),
         QStringLiteral("登录"), Level::C, QStringLiteral("通过企业单点登录进入控制台"),
         QStringLiteral("单点登录回调成功时"), QStringLiteral("sso_provider!,result!,load_duration_ms"),
         QStringLiteral("登录"), web},
        {QStringLiteral("init-account"), QStringLiteral("dashboard_view"), QStringLiteral("工作台浏览"),
         QStringLiteral("工作台"), Level::B, QStringLiteral("控制台首页展示"), QStringLiteral("工作台页面加载完成时"),
         QStringLiteral("page_stay_duration,load_duration_ms,order_count:近30天订单数"), QStringLiteral("工作台"), web},

        {QStringLiteral("init-order"), QStringLiteral("single_order_submit"), QStringLiteral("企业下单提交"),
         QStringLiteral("企业用车"), Level::D, QStringLiteral("企业员工提交单笔用车订单"),
         QStringLiteral("点击提交订单按钮后，服务端返回成功时"),
         QStringLiteral("order_id!,order_amount!,vehicle_type!,cost_center!,department_id"),
         QStringLiteral("核心链路,下单"), web},
        {QStringLiteral("init-order"), QStringLiteral("batch_order_upload"), QStringLiteral("批量下单文件上传"),
         QStringLiteral("企业用车"), Level::C, QStringLiteral("上传批量下单Excel并完成校验"),
         QStringLiteral("文件上传且服务端校验完成时"), QStringLiteral("batch_file_rows!,result!,error_code"),
         QStringLiteral("批量下单"), web},
        {QStringLiteral("init-order"), QStringLiteral("batch_order_submit"), QStringLiteral("批量下单提交"),
         QStringLiteral("企业用车"), Level::D, QStringLiteral("批量订单确认提交"),
         QStringLiteral("点击“确认下单”且服务端受理时"),
         QStringLiteral("order_count!,order_amount!,batch_file_rows!,cost_center"), QStringLiteral("核心链路,批量下单"),
         web},
        {QStringLiteral("init-order"), QStringLiteral("order_approval_submit"), QStringLiteral("用车审批提交"),
         QStringLiteral("审批"), Level::C, QStringLiteral("超出用车规则的订单提交审批"),
         QStringLiteral("审批单创建成功时"), QStringLiteral("approval_id!,order_amount!,department_id!"),
         QStringLiteral("审批"), web},
        {QStringLiteral("init-order"), QStringLiteral("order_approval_result"), QStringLiteral("用车审批结果"),
         QStringLiteral("审批"), Level::D, QStringLiteral("审批完成（通过、驳回或超时自动通过）"),
         QStringLiteral("审批流结束、服务端写入结果时"),
         QStringLiteral("approval_id!,approval_result!,approval_duration"), QStringLiteral("审批,核心链路"), server},
        {QStringLiteral("init-order"), QStringLiteral("open_api_order_create"), QStringLiteral("开放接口下单"),
         QStringLiteral("开放平台"), Level::D, QStringLiteral("企业系统通过开放接口创建订单"),
         QStringLiteral("开放接口返回成功响应时"),
         QStringLiteral("order_id!,api_client_id!,api_latency_ms!,order_amount"), QStringLiteral("开放平台,核心链路"),
         server},
        {QStringLiteral("init-order"), QStringLiteral("address_book_import"), QStringLiteral("地址簿导入"),
         QStringLiteral("企业用车"), Level::B, QStringLiteral("批量导入常用地址"), QStringLiteral("导入完成时"),
         QStringLiteral("batch_file_rows!,result!,fail_rows"), QStringLiteral("地址"), web},

        {QStringLiteral("init-finance"), QStringLiteral("recharge_submit"), QStringLiteral("充值提交"),
         QStringLiteral("财务"), Level::C, QStringLiteral("企业账户发起充值"),
         QStringLiteral("点击“去支付”生成充值单时"), QStringLiteral("recharge_amount!,pay_channel!,result!"),
         QStringLiteral("财务,充值"), web},
        {QStringLiteral("init-finance"), QStringLiteral("recharge_success"), QStringLiteral("充值到账"),
         QStringLiteral("财务"), Level::D, QStringLiteral("充值资金到账"), QStringLiteral("银行或支付渠道回调到账时"),
         QStringLiteral("recharge_amount!,balance_amount!,pay_channel!"), QStringLiteral("财务,充值,核心链路"), server},
        {QStringLiteral("init-finance"), QStringLiteral("balance_alert_trigger"), QStringLiteral("余额预警触发"),
         QStringLiteral("财务"), Level::C, QStringLiteral("余额低于企业设置的阈值"),
         QStringLiteral("扣款后余额低于阈值时"), QStringLiteral("balance_amount!,threshold_amount!,alert_channel!"),
         QStringLiteral("财务,预警"), server},
        {QStringLiteral("init-finance"), QStringLiteral("invoice_apply_submit"), QStringLiteral("企业开票申请"),
         QStringLiteral("发票"), Level::C, QStringLiteral("提交开票申请"),
         QStringLiteral("点击“提交申请”且服务端受理时"),
         QStringLiteral("invoice_type!,invoice_amount!,tax_id!,order_count"), QStringLiteral("发票"), web},
        {QStringLiteral("init-finance"), QStringLiteral("invoice_issued"), QStringLiteral("发票开具完成"),
         QStringLiteral("发票"), Level::C, QStringLiteral("税控系统开具发票完成"), QStringLiteral("开票回调成功时"),
         QStringLiteral("invoice_type!,invoice_amount!,result!"), QStringLiteral("发票"), server},
        {QStringLiteral("init-finance"), QStringLiteral("statement_download"), QStringLiteral("对账单下载"),
         QStringLiteral("财务"), Level::B, QStringLiteral("下载月度对账单"), QStringLiteral("文件生成并开始下载时"),
         QStringLiteral("date_range_days!,export_format!,order_count"), QStringLiteral("财务,对账"), web},

        {QStringLiteral("init-admin"), QStringLiteral("employee_add"), QStringLiteral("添加员工"),
         QStringLiteral("组织管理"), Level::B, QStringLiteral("手动添加一名员工"), QStringLiteral("保存成功时"),
         QStringLiteral("department_id!,result!,error_code"), QStringLiteral("组织"), web},
        {QStringLiteral("init-admin"), QStringLiteral("employee_import"), QStringLiteral("批量导入员工"),
         QStringLiteral("组织管理"), Level::B, QStringLiteral("Excel批量导入员工"), QStringLiteral("导入完成时"),
         QStringLiteral("batch_file_rows!,employee_count!,fail_rows"), QStringLiteral("组织"), web},
        {QStringLiteral("init-admin"), QStringLiteral("department_create"), QStringLiteral("创建部门"),
         QStringLiteral("组织管理"), Level::B, QStringLiteral("新建部门"), QStringLiteral("保存成功时"),
         QStringLiteral("department_id!,employee_count,result!"), QStringLiteral("组织"), web},
        {QStringLiteral("init-admin"), QStringLiteral("role_assign"), QStringLiteral("分配角色"),
         QStringLiteral("组织管理"), Level::C, QStringLiteral("为员工分配管理员、财务等角色（权限审计）"),
         QStringLiteral("保存成功时"), QStringLiteral("result!,employee_count!,department_id"),
         QStringLiteral("组织,审计"), web},
        {QStringLiteral("init-admin"), QStringLiteral("approval_rule_save"), QStringLiteral("审批规则保存"),
         QStringLiteral("审批"), Level::C, QStringLiteral("保存用车审批规则"), QStringLiteral("保存成功时"),
         QStringLiteral("rule_amount_limit!,department_id,result!"), QStringLiteral("审批,配置"), web},
        {QStringLiteral("init-admin"), QStringLiteral("report_view"), QStringLiteral("报表浏览"),
         QStringLiteral("报表"), Level::B, QStringLiteral("查看用车报表"), QStringLiteral("报表查询返回时"),
         QStringLiteral("report_type!,date_range_days!,page_stay_duration"), QStringLiteral("报表"), web},
        {QStringLiteral("init-admin"), QStringLiteral("report_export"), QStringLiteral("报表导出"),
         QStringLiteral("报表"), Level::B, QStringLiteral("导出用车报表"), QStringLiteral("导出文件生成时"),
         QStringLiteral("report_type!,date_range_days!,export_format!"), QStringLiteral("报表"), web},

        {QStringLiteral("travel-policy"), QStringLiteral("travel_policy_save"), QStringLiteral("用车制度保存"),
         QStringLiteral("审批"), Level::C, QStringLiteral("保存部门用车制度（可用车型、单笔限额）"),
         QStringLiteral("保存成功时"), QStringLiteral("rule_amount_limit!,department_id!,vehicle_type"),
         QStringLiteral("审批,配置"), web},
        {QStringLiteral("budget"), QStringLiteral("budget_exceed_alert"), QStringLiteral("预算超支提醒"),
         QStringLiteral("财务"), Level::C, QStringLiteral("成本中心月度预算即将超支"),
         QStringLiteral("下单后预算占用超过阈值时"), QStringLiteral("cost_center!,order_amount!,threshold_amount!"),
         QStringLiteral("财务,预算"), server},
    };
}

QList<DemandSpec> enterpriseDemands()
{
    const QString zhou = QStringLiteral("zhou.min");
    QList<DemandSpec> d;
    auto add = [&d, &zhou](const QString& version, const QString& title, const QString& description,
                           Priority priority) -> DemandSpec& {
        d.append(DemandSpec{});
        DemandSpec& s = d.last();
        s.version = version;
        s.owner = zhou;
        s.title = title;
        s.description = description;
        s.priority = priority;
        return s;
    };
    const QString v20 = QStringLiteral("2.0.0");
    add(v20, QStringLiteral("企业版公共属性规范"), QStringLiteral("企业、员工、角色"), Priority::P0).commonAttributes =
        true;
    add(v20, QStringLiteral("登录与工作台埋点梳理"), QStringLiteral("账号、单点登录、工作台"), Priority::P1).batch =
        QStringLiteral("init-account");
    add(v20, QStringLiteral("企业用车与审批埋点梳理"), QStringLiteral("单笔、批量、开放接口下单与审批"), Priority::P0)
        .batch = QStringLiteral("init-order");
    add(v20, QStringLiteral("财务与发票埋点梳理"), QStringLiteral("充值、余额预警、发票、对账"), Priority::P1).batch =
        QStringLiteral("init-finance");
    add(v20, QStringLiteral("组织管理与报表埋点梳理"), QStringLiteral("员工、部门、角色、报表"), Priority::P2).batch =
        QStringLiteral("init-admin");

    const QString v21 = QStringLiteral("2.1.0");
    add(v21, QStringLiteral("用车制度"), QStringLiteral("部门级用车制度配置"), Priority::P1).batch =
        QStringLiteral("travel-policy");
    {
        DemandSpec& s = add(v21, QStringLiteral("批量下单失败行号回传"),
                            QStringLiteral("批量下单部分失败时回传失败行号"), Priority::P2);
        s.eventEdits << qMakePair(
            QStringLiteral("batch_order_submit"), EventEdit([](Event& e) {
                e.bindings.append(Binding{QStringLiteral("fail_rows"), false, QStringLiteral("部分失败时上报")});
            }));
    }
    {
        DemandSpec& s = add(v21, QStringLiteral("审批提交升级为D级、余额预警降为B级"),
                            QStringLiteral("审批时效纳入企业SLA监控；余额预警只有财务产品使用"), Priority::P2);
        s.comment = QStringLiteral("等级调整通过");
        s.eventEdits << qMakePair(QStringLiteral("order_approval_submit"),
                                  EventEdit([](Event& e) { e.level = Level::D; }));
        s.eventEdits << qMakePair(QStringLiteral("balance_alert_trigger"),
                                  EventEdit([](Event& e) { e.level = Level::B; }));
    }
    {
        DemandSpec& s = add(v21, QStringLiteral("报表时间范围上限调整"),
                            QStringLiteral("单次查询超过93天会拖垮报表服务，上限改为93天"), Priority::P1);
        s.attributeEdits << qMakePair(QStringLiteral("date_range_days"), AttributeEdit([](Attribute& a) {
                                          a.maxValue = 93;
                                          a.description = QStringLiteral("报表或对账单覆盖的天数（2.1.0起最多93天）");
                                      }));
    }
    {
        DemandSpec& s =
            add(v21, QStringLiteral("员工导入支持飞书同步"), QStringLiteral("从飞书通讯录同步员工"), Priority::P3);
        s.outcome = DemandStatus::Cancelled;
        s.comment = QStringLiteral("改由开放平台对接，需求取消");
        s.eventEdits << qMakePair(QStringLiteral("employee_import"), EventEdit([](Event& e) {
                                      e.bindings.append(Binding{QStringLiteral("sso_provider"), false, {}});
                                  }));
    }

    const QString v22 = QStringLiteral("2.2.0");
    {
        DemandSpec& s =
            add(v22, QStringLiteral("开放接口耗时口径说明"), QStringLiteral("明确耗时不含网关排队"), Priority::P3);
        s.eventEdits << qMakePair(QStringLiteral("open_api_order_create"), EventEdit([](Event& e) {
                                      e.description = QStringLiteral(
                                          "企业系统通过开放接口创建订单；api_latency_ms不含网关排队时间");
                                  }));
    }
    {
        DemandSpec& s =
            add(v22, QStringLiteral("预算控制"), QStringLiteral("成本中心月度预算与超支提醒"), Priority::P1);
        s.batch = QStringLiteral("budget");
        s.outcome = DemandStatus::Draft;
    }
    {
        DemandSpec& s =
            add(v22, QStringLiteral("工作台展示账户余额"), QStringLiteral("工作台浏览带上账户余额"), Priority::P2);
        s.outcome = DemandStatus::InReview;
        s.eventEdits << qMakePair(QStringLiteral("dashboard_view"), EventEdit([](Event& e) {
                                      e.bindings.append(Binding{QStringLiteral("balance_amount"), false, {}});
                                  }));
    }
    {
        DemandSpec& s = add(v22, QStringLiteral("发票申请记录发票抬头校验结果"), QStringLiteral("税号校验失败率监控"),
                            Priority::P2);
        s.outcome = DemandStatus::Approved;
        s.comment = QStringLiteral("同意");
        s.eventEdits << qMakePair(
            QStringLiteral("invoice_apply_submit"), EventEdit([](Event& e) {
                e.bindings.append(Binding{QStringLiteral("result"), false, QStringLiteral("税号校验结果")});
            }));
    }
    return d;
}

} // namespace tp::demo
