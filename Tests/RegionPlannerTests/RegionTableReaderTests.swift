import CampaignModel
import ContentFiles
import Foundation
import Testing

@Suite struct RegionTableReaderTests {
    let table = TestSupport.regions

    @Test func loadsAllProvincesAndCommunes() {
        #expect(table.provinces.count == 34)
        #expect(table.communes.count == 3321)
        #expect(table.nationalLocale == "vi")
        #expect(table.region("08")?.communeCount == 124)
    }

    @Test func mapsEthnicGroupsToLocalesFromLanguagesCSV() throws {
        let tuyenQuang = try #require(table.region("08"))
        #expect(tuyenQuang.languages.prefix(4) == ["hmn", "tyz", "ium", "nut"])
        #expect(tuyenQuang.languages.last == "vi")
        #expect(tuyenQuang.unmappedEthnicGroups.contains("Lô Lô"))
        let dienBien = try #require(table.region("11"))
        #expect(dienBien.languages.prefix(3) == ["blt", "twh", "hmn"])
        // "Bru-Vân Kiều" and "Pa Kô/Tà Ôi" match "Bru Vân Kiều" and "Tà Ôi" after folding.
        let quangTri = try #require(table.region("44"))
        #expect(quangTri.languages.contains("bru"))
        #expect(quangTri.languages.contains("tth"))
        // "M'nông" and "Raglai" match "Mnông" and "Ra Glai".
        #expect(try #require(table.region("66")).languages.contains("cmo"))
        #expect(try #require(table.region("56")).languages.contains("rog"))
        #expect(try #require(table.region("91")).languages.first == "km")
    }

    @Test func provinceWithoutEthnicDataReadsNationalLanguageOnly() throws {
        let haiPhong = try #require(table.region("31"))
        #expect(haiPhong.languages == ["vi"])
        #expect(haiPhong.ethnicVerification == .unverified)
    }

    @Test func communeBorderStatusIsYesNoOrUnknown() throws {
        let lungCu = try #require(table.region("00715"))
        #expect(lungCu.border.status == .yes)
        #expect(lungCu.border.countries == ["China"])
        #expect(lungCu.terrain.inherited)
        let hanoiWard = try #require(table.region("00004"))
        #expect(hanoiWard.border.status == .no)
        // A commune of a border province that the partial list does not name is unknown, not "no".
        let unlisted = try #require(table.communes(of: "22").first { $0.border.status != .yes })
        #expect(unlisted.border.status == .unknown)
        #expect(unlisted.border.verification == .unverified)
    }

    @Test func keepsVerificationMarks() throws {
        #expect(try #require(table.region("20")).attributesVerification == .partial)
        #expect(try #require(table.region("42")).terrain.mountainous == .unverified)
        #expect(try #require(table.region("42")).verification == .unverified)
    }

    @Test func badRowsBecomeIssuesWithFileLineAndField() throws {
        let provinces = try CSVTable(text: "code,name,full_name\n04,Cao Bằng,Tỉnh Cao Bằng\n4,Bad,Bad\n", file: "provinces.csv")
        let communes = try CSVTable(text: "code,name,full_name,province_code\n00715,Lũng Cú,Xã Lũng Cú,04\n00716,X,Xã X,99\n", file: "communes.csv")
        let attributes = try CSVTable(text: "code,land_border_countries,mountainous,mountainous_basis,main_ethnic_minorities,population_2025,verification\n04,China,steep,,Tày,12x,maybe\n",
                                      file: "province-attributes.csv")
        let communeAttributes = try CSVTable(text: "code,province_code,land_border_country,source,verification\n99999,04,China,s,verified\n",
                                             file: "commune-attributes.csv")
        let languages = try CSVTable(text: "bcp47,iso639_3,english_name,vietnamese_name,ethnic_group_vi,gsm7_fits,verification\nvi,vie,Vietnamese,tiếng Việt,Kinh,no,verified\ntyz,tyz,Tày,tiếng Tày,Tày,no,partial\n",
                                     file: "languages.csv")
        let issues = TestSupport.issues {
            _ = try RegionTableReader.build(provinces: provinces, communes: communes, provinceAttributes: attributes,
                                            communeAttributes: communeAttributes, languages: languages)
        }
        #expect(issues.contains { $0.file == "provinces.csv" && $0.line == 3 && $0.field == "code" })
        #expect(issues.contains { $0.file == "communes.csv" && $0.line == 3 && $0.field == "province_code" })
        #expect(issues.contains { $0.file == "province-attributes.csv" && $0.line == 2 && $0.field == "verification" })
        #expect(issues.contains { $0.file == "commune-attributes.csv" && $0.line == 2 && $0.field == "code" })
        #expect(issues.allSatisfy { !$0.fix.isEmpty })
    }

    @Test func malformedCSVNamesTheLine() {
        let wrongCount = TestSupport.issues { _ = try CSVTable(text: "a,b\n1,2\n3\n", file: "x.csv") }
        #expect(wrongCount.first?.line == 3)
        let unclosed = TestSupport.issues { _ = try CSVTable(text: "a,b\n1,\"open\n", file: "x.csv") }
        #expect(unclosed.first?.line == 2)
        let missingColumn = TestSupport.issues { try CSVTable(text: "a\n1\n", file: "x.csv").require(["a", "code"]) }
        #expect(missingColumn.first?.field == "code")
    }

    @Test func quotedFieldsWithCommasNewlinesAndNFD() throws {
        let table = try CSVTable(text: "a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\nHo\u{0300}a,3\n", file: "q.csv")
        #expect(table.rows.count == 2)
        #expect(table.value(table.rows[0], "a") == "x, \"y\"")
        #expect(table.rows[1].line == 4)
        #expect(table.value(table.rows[1], "a") == "Hòa")
    }

    @Test func figuresCSVIssues() throws {
        let csv = "code,population,women_and_children,mobile_coverage,loudspeakers,past_cases,verification\n08,1000,2000,1.5,-3,x,sure\n08,1,,,,,\n"
        let issues = TestSupport.issues { _ = try RegionTableReader.figures(from: CSVTable(text: csv, file: "f.csv")) }
        let fields = Set(issues.map { $0.field ?? "" })
        #expect(fields.isSuperset(of: ["women_and_children", "mobile_coverage", "loudspeakers", "past_cases", "verification", "code"]))
        #expect(issues.allSatisfy { $0.file == "f.csv" && $0.line != nil })
    }
}
