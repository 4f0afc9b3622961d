import VTJCore

/// Builds docs/vtjdrop-result.xsd from the product's field table (`GroupSchema`), so the schema
/// and the writer can never drift apart: a test compares this text with the file in docs/.
enum ResultXMLSchemaText {
    private enum Shape: Equatable {
        case text, date, textOrBilingual, stub
        case list(item: String, fields: [FieldSpec])
        case textList(item: String)
        case composite([FieldSpec])
    }

    private static func shape(_ kind: FieldSpec.Kind) -> Shape {
        switch kind {
        case .text: .text
        case .date: .date
        case .bilingual: .textOrBilingual
        case .stub: .stub
        case .list(let item, let fields): .list(item: item, fields: fields)
        case .textList(let item): .textList(item: item)
        case .composite(let fields): .composite(fields)
        }
    }

    /// Field elements allowed directly in a `tietoryhma`, one declaration per name (merged over groups).
    private static func topLevelFields() -> [(String, Shape)] {
        var order: [String] = []
        var shapes: [String: Shape] = [:]
        for group in GroupName.productGroupsInOrder {
            for spec in GroupSchema.fields(of: group) ?? [] {
                let new = shape(spec.kind)
                if let old = shapes[spec.name] {
                    if old == new { continue }
                    let pair = [old, new]
                    if pair.allSatisfy({ $0 == .text || $0 == .textOrBilingual }) {
                        shapes[spec.name] = .textOrBilingual
                    } else if pair.allSatisfy({ $0 == .text || $0 == .date }) {
                        shapes[spec.name] = .date
                    } else {
                        preconditionFailure("field \(spec.name) has incompatible shapes across groups")
                    }
                } else {
                    order.append(spec.name)
                    shapes[spec.name] = new
                }
            }
        }
        return order.sorted().map { ($0, shapes[$0]!) }
    }

    private static func element(_ name: String, _ fieldShape: Shape, indent: String, occurs: String = "") -> String {
        switch fieldShape {
        case .text: return "\(indent)<xs:element name=\"\(name)\" type=\"xs:string\"\(occurs)/>\n"
        case .date: return "\(indent)<xs:element name=\"\(name)\" type=\"paivamaara\"\(occurs)/>\n"
        case .textOrBilingual: return "\(indent)<xs:element name=\"\(name)\" type=\"kaksikielinen\"\(occurs)/>\n"
        case .stub: return "\(indent)<xs:element name=\"\(name)\" type=\"henkiloviite\"\(occurs)/>\n"
        case .textList(let item):
            return "\(indent)<xs:element name=\"\(name)\"\(occurs)>\n\(indent)  <xs:complexType>\n\(indent)    <xs:sequence>\n"
                + "\(indent)      <xs:element name=\"\(item)\" type=\"xs:string\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n"
                + "\(indent)    </xs:sequence>\n\(indent)  </xs:complexType>\n\(indent)</xs:element>\n"
        case .list(let item, let fields):
            return "\(indent)<xs:element name=\"\(name)\"\(occurs)>\n\(indent)  <xs:complexType>\n\(indent)    <xs:sequence>\n"
                + "\(indent)      <xs:element name=\"\(item)\" minOccurs=\"0\" maxOccurs=\"unbounded\">\n"
                + "\(indent)        <xs:complexType>\n"
                + choice(fields.map { ($0.name, shape($0.kind)) }, indent: indent + "          ")
                + "\(indent)        </xs:complexType>\n\(indent)      </xs:element>\n"
                + "\(indent)    </xs:sequence>\n\(indent)  </xs:complexType>\n\(indent)</xs:element>\n"
        case .composite(let fields):
            return "\(indent)<xs:element name=\"\(name)\"\(occurs)>\n\(indent)  <xs:complexType>\n"
                + choice(fields.map { ($0.name, shape($0.kind)) }, indent: indent + "    ")
                + "\(indent)  </xs:complexType>\n\(indent)</xs:element>\n"
        }
    }

    private static func choice(_ fields: [(String, Shape)], indent: String) -> String {
        "\(indent)<xs:choice minOccurs=\"0\" maxOccurs=\"unbounded\">\n"
            + fields.map { element($0.0, $0.1, indent: indent + "  ") }.joined()
            + "\(indent)</xs:choice>\n"
    }

    private static func enumeration(_ name: String, _ values: [String]) -> String {
        "  <xs:simpleType name=\"\(name)\">\n    <xs:restriction base=\"xs:string\">\n"
            + values.map { "      <xs:enumeration value=\"\($0)\"/>\n" }.joined()
            + "    </xs:restriction>\n  </xs:simpleType>\n"
    }

    static func text() -> String {
        var xsd = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- vtjdrop result XML, version 1. Generated from the product's field table
             (Tests/VTJXMLTests/ResultXMLSchemaText.swift); do not edit by hand. -->
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">
          <xs:element name="tulos">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="tietoryhmat">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="tietoryhma" type="tietoryhmanNimi" minOccurs="0" maxOccurs="unbounded"/>
                    </xs:sequence>
                  </xs:complexType>
                </xs:element>
                <xs:choice minOccurs="0" maxOccurs="unbounded">
                  <xs:element name="henkilo" type="henkilo"/>
                  <xs:element name="muutos" type="muutos"/>
                </xs:choice>
              </xs:sequence>
              <xs:attribute name="versio" type="xs:string" use="required" fixed="1"/>
              <xs:attribute name="pyynto" type="xs:string" use="required"/>
              <xs:attribute name="toiminto" type="xs:string" use="required"/>
              <xs:attribute name="kayttotarkoitus" type="xs:string" use="required"/>
              <xs:attribute name="kasittelypaiva" type="xs:date" use="required"/>
              <xs:attribute name="tunniste" type="xs:string"/>
            </xs:complexType>
          </xs:element>
          <xs:complexType name="henkilo">
            <xs:sequence>
              <xs:element name="tietoryhma" type="tietoryhma" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="pidatetty" type="pidatetty" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
            <xs:attribute name="henkilotunnus" type="xs:string" use="required"/>
            <xs:attribute name="tila" type="tila" use="required"/>
          </xs:complexType>
          <xs:complexType name="muutos">
            <xs:sequence>
              <xs:element name="ohje" type="ohje" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="tietoryhma" type="tietoryhma" minOccurs="0" maxOccurs="unbounded"/>
              <xs:element name="pidatetty" type="pidatetty" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
            <xs:attribute name="henkilotunnus" type="xs:string" use="required"/>
            <xs:attribute name="muutospv" type="xs:string" use="required"/>
            <xs:attribute name="tila" type="tila" use="required"/>
          </xs:complexType>
          <xs:complexType name="ohje">
            <xs:attribute name="tietoryhma" type="tietoryhmanNimi" use="required"/>
            <xs:attribute name="toimenpide" type="toimenpide" use="required"/>
          </xs:complexType>
          <xs:complexType name="pidatetty">
            <xs:attribute name="tietoryhma" type="tietoryhmanNimi" use="required"/>
            <xs:attribute name="saanto" type="saanto" use="required"/>
          </xs:complexType>
          <xs:complexType name="tietoryhma">

        """
        xsd += choice(topLevelFields(), indent: "    ")
        xsd += """
            <xs:attribute name="nimi" type="tietoryhmanNimi" use="required"/>
            <xs:attribute name="muutosattribuutti" type="muutosattribuutti"/>
          </xs:complexType>
          <xs:complexType name="paivamaara">
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="tarkkuus" type="tarkkuus"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
          <xs:complexType name="kaksikielinen" mixed="true">
            <xs:sequence>
              <xs:element name="fi" type="xs:string" minOccurs="0"/>
              <xs:element name="sv" type="xs:string" minOccurs="0"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="henkiloviite">

        """
        xsd += choice(FieldSpec.stubFields.map { ($0.name, shape($0.kind)) }, indent: "    ")
        xsd += "  </xs:complexType>\n"
        xsd += enumeration("tila", ResultStatus.allCases.filter { $0 != .rejected }.map(\.rawValue))  // hylatty: CSV and xlsx only
        xsd += enumeration("toimenpide", [ChangeInstruction.Action.blank.rawValue, ChangeInstruction.Action.release.rawValue])
        xsd += enumeration("saanto", WithholdingRule.allCases.map(\.rawValue))
        xsd += enumeration("muutosattribuutti", ChangeAttribute.allCases.map(\.rawValue))
        xsd += enumeration("tarkkuus", PartialDate.Precision.allCases.map(\.rawValue))
        xsd += enumeration("tietoryhmanNimi", GroupName.productGroupsInOrder.map(\.rawValue))
        xsd += "</xs:schema>\n"
        return xsd
    }
}
