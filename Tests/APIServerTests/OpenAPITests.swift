@testable import APIServer
import CampaignModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OpenAPITests {
    typealias F = APIFixture

    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.encoded()) as? [String: Any])
    }

    static func documentedRoutes(_ document: [String: Any]) -> Set<String> {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return Set(paths.flatMap { path, item in item.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let fixture = try F()
        let router = try buildRouter(configuration: fixture.configuration, database: fixture.database)
        let registered = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = Self.documentedRoutes(try Self.document())
        #expect(registered.subtracting(documented).isEmpty, "undocumented: \(registered.subtracting(documented).sorted())")
        #expect(documented.subtracting(registered).isEmpty, "documented but missing: \(documented.subtracting(registered).sorted())")
        #expect(registered.count == 30)
    }

    @Test func theDocumentIsWellFormed() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let validator = SchemaValidator(document: document)
        var operationIDs = Set<String>()
        for (path, item) in document["paths"] as? [String: [String: Any]] ?? [:] {
            let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            for (method, value) in item {
                let operation = try #require(value as? [String: Any])
                let id = try #require(operation["operationId"] as? String)
                #expect(operationIDs.insert(id).inserted, "duplicate operationId \(id)")
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let pathParameters = parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
                #expect(pathParameters == names, "\(method) \(path) documents path parameters \(pathParameters)")
                let responses = try #require(operation["responses"] as? [String: Any])
                #expect(responses["500"] != nil, "\(method) \(path) documents no 500")
                for (_, response) in responses {
                    let resolved = validator.resolve(try #require(response as? [String: Any]))
                    for (_, media) in resolved["content"] as? [String: [String: Any]] ?? [:] {
                        if let schema = media["schema"] as? [String: Any] { _ = validator.resolve(schema) }
                    }
                }
            }
        }
        #expect(operationIDs.count == 30)
        // The checker itself catches a wrong body.
        let problem = OpenAPIDocument.ref("Problem").asDictionary
        #expect(!validator.validate(["type": "x", "title": "t", "status": 400] as [String: Any], problem, at: "$").isEmpty)
        #expect(!validator.validate(["type": "x", "title": "t", "status": "400", "detail": "d"] as [String: Any], problem, at: "$").isEmpty)
        #expect(!validator.validate(["type": "x", "title": "t", "status": 400, "detail": "d", "extra": 1] as [String: Any], problem, at: "$").isEmpty)
        #expect(validator.validate(["type": "x", "title": "t", "status": 400, "detail": "d"] as [String: Any], problem, at: "$").isEmpty)
    }

    /// Calls every operation (and many of their errors) and checks each response against the document.
    @Test func responsesMatchTheirDocumentedSchemas() async throws {
        let document = try Self.document()
        let validator = SchemaValidator(document: document)
        let base = F.hmnPath
        let all = Self.documentedRoutes(document)
        try await F(anonymousRead: true).test { api in
            var covered = Set<String>()
            func check(_ method: HTTPRequest.Method, _ template: String, _ uri: String, as user: String? = nil, json: String? = nil,
                       ifMatch: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestResponse {
                let response = try await api.send(method, uri, as: user, json: json, ifMatch: ifMatch)
                covered.insert("\(method.rawValue) \(template)")
                let problems = validator.check(response: response, method: method.rawValue.lowercased(), path: template)
                #expect(problems.isEmpty, "\(method) \(uri) → \(response.status.code): \(problems)\n\(response.text)", sourceLocation: sourceLocation)
                return response
            }
            let draft = draftJSON(title: "Ib", body: "Kab ib.\n")
            _ = try await check(.get, "/healthz", "/healthz")
            _ = try await check(.get, "/openapi.json", "/openapi.json")
            _ = try await check(.get, "/v1/locales", "/v1/locales")
            _ = try await check(.get, "/v1/locales/{code}", "/v1/locales/hmn")
            _ = try await check(.get, "/v1/locales/{code}", "/v1/locales/xx")
            _ = try await check(.get, "/v1/materials", "/v1/materials?limit=1")
            _ = try await check(.get, "/v1/materials", "/v1/materials?limit=x")
            let created = try await check(.post, "/v1/materials", "/v1/materials", as: "lan", json: MaterialRoutesTests.materialJSON("new-one"))
            _ = try await check(.post, "/v1/materials", "/v1/materials", as: "pao", json: MaterialRoutesTests.materialJSON("x"))
            _ = try await check(.post, "/v1/materials", "/v1/materials", as: "lan", json: "{")
            _ = try await check(.get, "/v1/materials/{slug}", "/v1/materials/new-one")
            _ = try await check(.put, "/v1/materials/{slug}", "/v1/materials/new-one", as: "lan", json: MaterialRoutesTests.materialJSON(nil),
                                ifMatch: created.etag)
            _ = try await check(.put, "/v1/materials/{slug}", "/v1/materials/new-one", as: "lan", json: MaterialRoutesTests.materialJSON(nil),
                                ifMatch: created.etag)
            _ = try await check(.put, "/v1/materials/{slug}", "/v1/materials/new-one", as: "lan", json: MaterialRoutesTests.materialJSON(nil))

            let t = "/v1/materials/{slug}/translations/{locale}"
            let saved = try await check(.put, t, base, as: "pao", json: draft)
            let hash = try #require(saved.etag)
            _ = try await check(.put, t, base, as: "pao", json: draft)
            _ = try await check(.put, t, base, json: draft)
            _ = try await check(.get, t, base, as: "vy")
            _ = try await check(.get, t, base + "?revision=1", as: "vy")
            _ = try await check(.get, t + "/preview", base + "/preview", as: "vy")
            _ = try await check(.post, t + "/preview", base + "/preview", as: "pao", json: ##"{"body": "# x"}"##)
            _ = try await check(.get, t + "/history", base + "/history", as: "vy")
            _ = try await check(.get, t + "/revisions/{number}", base + "/revisions/1", as: "vy")
            _ = try await check(.get, t + "/diff", base + "/diff", as: "vy")
            _ = try await check(.post, t + "/submit", base + "/submit", as: "pao", ifMatch: hash)
            _ = try await check(.post, t + "/submit", base + "/submit", as: "pao", ifMatch: hash)
            _ = try await check(.post, t + "/reject", base + "/reject", as: "mai", json: #"{"note": "n"}"#, ifMatch: hash)
            _ = try await check(.post, t + "/submit", base + "/submit", as: "pao", ifMatch: hash)
            _ = try await check(.post, t + "/approve", base + "/approve", as: "mai", ifMatch: hash)
            _ = try await check(.post, t + "/publish", base + "/publish", as: "mai", ifMatch: hash)
            _ = try await check(.get, t + "/published", base + "/published")
            let second = try await check(.put, t, base, as: "pao", json: draftJSON(title: "Ob"), ifMatch: hash)
            _ = try await check(.post, t + "/revisions/{number}/restore", base + "/revisions/1/restore", as: "pao", ifMatch: second.etag)
            _ = try await check(.get, t + "/source-changes", base + "/source-changes", as: "vy")
            _ = try await check(.post, t + "/confirm", base + "/confirm", as: "pao", ifMatch: second.etag)
            let head = try await api.send(.get, base, as: "vy").etag
            _ = try await check(.post, t + "/archive", base + "/archive", as: "mai", ifMatch: head)
            _ = try await check(.get, "/v1/completeness", "/v1/completeness", as: "vy")
            _ = try await check(.get, "/v1/search", "/v1/search?q=viec", as: "vy")
            _ = try await check(.get, "/v1/audit", "/v1/audit", as: "admin")
            _ = try await check(.get, "/v1/audit", "/v1/audit", as: "vy")
            let yaml = PlanRoutesTests.yamlBody(PlanRoutesTests.campaignYAML())
            let plan = try await check(.post, "/v1/plans", "/v1/plans", as: "minh", json: yaml)
            _ = try await check(.post, "/v1/plans", "/v1/plans", as: "minh", json: yaml)
            _ = try await check(.post, "/v1/plans", "/v1/plans", as: "vy", json: yaml)
            _ = try await check(.post, "/v1/plans", "/v1/plans", as: "minh", json: "{}")
            _ = try await check(.get, "/v1/plans", "/v1/plans", as: "vy")
            _ = try await check(.get, "/v1/plans/{id}", plan.headers[.location] ?? "", as: "vy")
            _ = try await check(.get, "/v1/plans/{id}", "/v1/plans/none", as: "vy")
            #expect(all.subtracting(covered).isEmpty, "not exercised: \(all.subtracting(covered).sorted())")
        }
    }
}

extension JSONValue {
    var asDictionary: [String: Any] {
        (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(self))) as? [String: Any] ?? [:]
    }
}

/// A small JSON Schema checker for the subset the document uses: $ref, oneOf, type, properties, required,
/// additionalProperties, items, enum and pattern.
struct SchemaValidator: @unchecked Sendable {  // immutable after init
    let document: [String: Any]

    func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
        let resolved = node as? [String: Any] ?? [:]
        precondition(!resolved.isEmpty, "unresolved \(ref)")
        return resolve(resolved)
    }

    func check(response: TestResponse, method: String, path: String) -> [String] {
        let operation = ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
        guard let operation else { return ["\(method) \(path) is not documented"] }
        guard let declared = (operation["responses"] as? [String: Any])?[String(response.status.code)] as? [String: Any] else {
            return ["status \(response.status.code) is not documented"]
        }
        let documented = resolve(declared)
        guard let content = documented["content"] as? [String: [String: Any]] else {
            return response.body.readableBytes == 0 ? [] : ["a body where none is documented"]
        }
        let type = response.headers[.contentType]?.split(separator: ";").first.map(String.init) ?? ""
        guard let media = content[type], let schema = media["schema"] as? [String: Any] else {
            return ["content type \(type) is not documented"]
        }
        guard let value = try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8), options: [.fragmentsAllowed]) else {
            return ["the body is not JSON"]
        }
        var problems = validate(value, schema, at: "$")
        if let headers = documented["headers"] as? [String: Any] {
            for name in headers.keys where name == "ETag" && response.headers[.eTag] == nil { problems.append("no ETag header") }
        }
        return problems
    }

    func validate(_ value: Any, _ rawSchema: [String: Any], at path: String) -> [String] {
        let schema = resolve(rawSchema)
        if let options = schema["oneOf"] as? [[String: Any]] {
            let matching = options.filter { validate(value, $0, at: path).isEmpty }
            return matching.isEmpty ? ["\(path): matches none of oneOf"] : []
        }
        var problems: [String] = []
        if let type = schema["type"] as? String, !matches(value, type) {
            return ["\(path): \(Swift.type(of: value)) is not \(type)"]
        }
        if let values = schema["enum"] as? [String], let text = value as? String, !values.contains(text) {
            problems.append("\(path): '\(text)' is not one of \(values)")
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
           text.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(path): '\(text)' does not match \(pattern)")
        }
        if let object = value as? [String: Any], schema["type"] as? String == "object" {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(path): '\(name)' is required")
            }
            for (name, item) in object {
                if let property = properties[name] {
                    problems += validate(item, property, at: "\(path).\(name)")
                } else if let additional = schema["additionalProperties"] as? [String: Any] {
                    problems += validate(item, additional, at: "\(path).\(name)")
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path): '\(name)' is not documented")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { problems += validate(item, items, at: "\(path)[\(index)]") }
        }
        return problems
    }

    private func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "integer": (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "boolean": value is Bool
        case "null": value is NSNull
        default: true
        }
    }
}
