import Foundation
import SujaritCore
import struct SujaritCore.Dimension

/// The known plan cycles as data (`PlanTemplate` is the type, in Core).
public enum PlanCatalog {
    /// Every known cycle, newest first.
    public static let templates: [PlanTemplate] = [cycle2566, cycle2561]

    public static func template(id: String) -> PlanTemplate? {
        templates.first { $0.id == id }
    }

    /// The template whose cycle contains the fiscal year (2566–2570 for 2568), or the newest.
    public static func template(covering year: FiscalYear) -> PlanTemplate {
        templates.first { $0.firstYear <= year && year <= $0.lastYear } ?? cycle2566
    }

    /// แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566 – 2570)
    public static let cycle2566 = PlanTemplate(
        id: "2566-2570",
        thaiName: "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566 – 2570)",
        firstYear: FiscalYear(2566), lastYear: FiscalYear(2570), plansByMonth: false,
        dimensions: [
            Dimension(number: 1, name: "การสร้างวัฒนธรรมสุจริต", missions: [
                Mission(code: "1.1", name: "การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร ข้าราชการการเมืองฝ่ายสภาท้องถิ่น และฝ่ายประจำขององค์กรปกครองส่วนท้องถิ่น", subMissions: [
                    SubMission(code: "1.1.1", name: "เสริมสร้างจิตสำนึกและความตระหนักในการปฏิบัติราชการตามอำนาจหน้าที่ และการประพฤติตนตามประมวลจริยธรรม"),
                    SubMission(code: "1.1.2", name: "เสริมสร้างจิตสำนึกและค่านิยมความซื่อสัตย์สุจริต และการต่อต้านการทุจริต"),
                    SubMission(code: "1.1.3", name: "เสริมสร้างจิตสำนึกและความตระหนักในการแยกแยะผลประโยชน์ส่วนตนและผลประโยชน์ส่วนรวม"),
                ]),
                Mission(code: "1.2", name: "การเสริมสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น"),
                Mission(code: "1.3", name: "การเสริมสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน"),
            ]),
            Dimension(number: 2, name: "การบริหารราชการด้วยความโปร่งใส", missions: [
                Mission(code: "2.1", name: "การเปิดเผยข้อมูลสาธารณะขององค์กรปกครองส่วนท้องถิ่น", subMissions: [
                    SubMission(code: "2.1.1", name: "การเปิดเผยข้อมูลการบริหารงานและการดำเนินงาน"),
                    SubMission(code: "2.1.2", name: "การเปิดเผยข้อมูลและพัฒนาทรัพยากรบุคคล"),
                ]),
                Mission(code: "2.2", name: "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", subMissions: [
                    SubMission(code: "2.2.1", name: "การแสดงเจตนารมณ์ในการปฏิบัติหน้าที่และบริหารงานด้วยความซื่อสัตย์สุจริต เป็นไปตามหลักธรรมาภิบาลของผู้บริหาร"),
                    SubMission(code: "2.2.2", name: "การจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"),
                ]),
                Mission(code: "2.3", name: "มาตรการลดการใช้ดุลพินิจในการปฏิบัติงาน", subMissions: [
                    SubMission(code: "2.3.1", name: "จัดทำข้อตกลงระหว่างบุคลากรในองค์กรให้ปฏิบัติหน้าที่ราชการด้วยความซื่อสัตย์สุจริต มีคุณธรรมจริยธรรม ใช้ดุลพินิจด้วยความสุจริตภายใต้กรอบธรรมาภิบาล"),
                    SubMission(code: "2.3.2", name: "มีการกระจายอำนาจการตัดสินใจเกี่ยวกับการสั่ง อนุญาต อนุมัติ ปฏิบัติราชการแทน หรือการดำเนินการอื่นใดของผู้มีอำนาจในองค์กรปกครองส่วนท้องถิ่น"),
                ]),
            ]),
            Dimension(number: 3, name: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน", missions: [
                Mission(code: "3.1", name: "การส่งเสริมให้ประชาชนมีส่วนร่วมบริหารกิจการขององค์กรปกครองส่วนท้องถิ่น", subMissions: [
                    SubMission(code: "3.1.1", name: "การมีส่วนร่วมในการจัดทำแผนพัฒนา การจัดทำงบประมาณ"),
                ]),
                Mission(code: "3.2", name: "การรับฟังความคิดเห็น การรับและตอบสนองเรื่องร้องเรียน/ร้องทุกข์ของประชาชน", subMissions: [
                    SubMission(code: "3.2.1", name: "มีรายงานหรือแจ้งเป็นลายลักษณ์อักษรให้ประชาชนผู้ร้องเรียน/ร้องทุกข์ได้ทราบถึงการได้รับเรื่อง ระยะเวลา และผลการดำเนินการเกี่ยวกับเรื่องร้องเรียน/ร้องทุกข์"),
                ]),
            ]),
            Dimension(number: 4, name: "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น", missions: [
                Mission(code: "4.1", name: "การจัดวางระบบตรวจสอบภายใน การควบคุมภายใน และการบริหารความเสี่ยงการทุจริต", subMissions: [
                    SubMission(code: "4.1.1", name: "มีการจัดทำและรายงานการจัดทำระบบควบคุมภายใน"),
                ]),
                Mission(code: "4.2", name: "การส่งเสริมบทบาทการตรวจสอบของสภาท้องถิ่น", subMissions: [
                    SubMission(code: "4.2.1", name: "ส่งเสริมสมาชิกสภาท้องถิ่นให้มีบทบาทในการตรวจสอบการปฏิบัติงานของฝ่ายบริหาร ตามกระบวนการ และวิธีการที่กฎหมาย ระเบียบที่เกี่ยวข้องได้กำหนดไว้ โดยไม่ฝักใฝ่ฝ่ายใด"),
                ]),
                Mission(code: "4.3", name: "มาตรการจัดการเรื่องร้องเรียนการทุจริต", subMissions: [
                    SubMission(code: "4.3.1", name: "มีแนวปฏิบัติในการดำเนินการต่อเรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่องค์กรปกครองส่วนท้องถิ่น"),
                    SubMission(code: "4.3.2", name: "จัดให้มีระบบและช่องทางการรับเรื่องร้องเรียนที่มีประสิทธิภาพ สะดวก รวดเร็ว ปลอดภัย สำหรับผู้ร้องเรียน"),
                ]),
            ]),
        ]
    )

    /// แผนปฏิบัติการเพื่อป้องกันการทุจริต (พ.ศ. 2561 – 2564): the previous, four-year cycle,
    /// whose plans were scheduled month by month.
    public static let cycle2561 = PlanTemplate(
        id: "2561-2564",
        thaiName: "แผนปฏิบัติการเพื่อป้องกันการทุจริต (พ.ศ. 2561 – 2564)",
        firstYear: FiscalYear(2561), lastYear: FiscalYear(2564), plansByMonth: true,
        dimensions: [
            Dimension(number: 1, name: "การสร้างสังคมที่ไม่ทนต่อการทุจริต", missions: [
                Mission(code: "1.1", name: "การสร้างจิตสำนึกและความตระหนักแก่บุคลากรทั้งข้าราชการการเมืองฝ่ายบริหาร ข้าราชการการเมืองฝ่ายสภาท้องถิ่น และฝ่ายประจำขององค์กรปกครองส่วนท้องถิ่น"),
                Mission(code: "1.2", name: "การสร้างจิตสำนึกและความตระหนักแก่ประชาชนทุกภาคส่วนในท้องถิ่น"),
                Mission(code: "1.3", name: "การสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน"),
            ]),
            Dimension(number: 2, name: "การบริหารราชการเพื่อป้องกันการทุจริต", missions: [
                Mission(code: "2.1", name: "แสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริตของผู้บริหาร"),
                Mission(code: "2.2", name: "มาตรการสร้างความโปร่งใสในการปฏิบัติราชการ"),
                Mission(code: "2.3", name: "มาตรการการใช้ดุลยพินิจและใช้อำนาจหน้าที่ให้เป็นไปตามหลักการบริหารกิจการบ้านเมืองที่ดี"),
                Mission(code: "2.4", name: "การเชิดชูเกียรติแก่หน่วยงาน/บุคคลในการดำเนินกิจการ การประพฤติปฏิบัติตนให้เป็นที่ประจักษ์"),
                Mission(code: "2.5", name: "มาตรการจัดการในกรณีได้ทราบ หรือรับแจ้ง หรือตรวจสอบพบการทุจริต"),
            ]),
            Dimension(number: 3, name: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน", missions: [
                Mission(code: "3.1", name: "จัดให้มีและเผยแพร่ข้อมูลข่าวสารในช่องทางที่เป็นการอำนวยความสะดวกแก่ประชาชนได้มีส่วนร่วมตรวจสอบการปฏิบัติราชการตามอำนาจหน้าที่ขององค์กรปกครองส่วนท้องถิ่นได้ทุกขั้นตอน"),
                Mission(code: "3.2", name: "การรับฟังความคิดเห็น การรับและตอบสนองเรื่องร้องเรียน/ร้องทุกข์ของประชาชน"),
                Mission(code: "3.3", name: "การส่งเสริมให้ประชาชนมีส่วนร่วมบริหารกิจการขององค์กรปกครองส่วนท้องถิ่น"),
            ]),
            Dimension(number: 4, name: "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น", missions: [
                Mission(code: "4.1", name: "มีการจัดวางระบบและรายงานการควบคุมภายในตามที่คณะกรรมการตรวจเงินแผ่นดินกำหนด"),
                Mission(code: "4.2", name: "การสนับสนุนให้ภาคประชาชนมีส่วนร่วมตรวจสอบการปฏิบัติหรือการบริหารราชการตามช่องทางที่สามารถดำเนินการได้"),
                Mission(code: "4.3", name: "การส่งเสริมบทบาทการตรวจสอบของสภาท้องถิ่น"),
                Mission(code: "4.4", name: "เสริมพลังการมีส่วนร่วมของชุมชน (Community) และบูรณาการทุกภาคส่วนเพื่อต่อต้านการทุจริต"),
            ]),
        ]
    )
}

extension Plan {
    /// A new, empty draft plan laid out on a catalog template, with the organization's name
    /// in its title. `first`/`last` may narrow or change the years (a one-year plan 2568).
    public static func fromTemplate(
        _ template: PlanTemplate, organization: Organization,
        first: FiscalYear? = nil, last: FiscalYear? = nil, id: UUID = UUID()
    ) -> Plan {
        let firstYear = first ?? template.firstYear
        let lastYear = last ?? template.lastYear
        return Plan(
            id: id, organizationID: organization.id,
            title: template.title(organizationName: organization.name, first: firstYear, last: lastYear),
            firstYear: firstYear, lastYear: lastYear, cycleID: template.id, dimensions: template.dimensions
        )
    }
}
