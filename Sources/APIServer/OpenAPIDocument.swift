import CampaignModel
import Foundation

/// The OpenAPI 3.1 description of the API, written by hand and served at `/openapi.json`.
///
/// The routes are registered by the controllers; a test enumerates the router and checks that every
/// route is documented here and every documented route exists, and validates responses against the schemas.
enum OpenAPIDocument {
    /// Who may call an operation; decides its `security` and its 401/403 responses.
    enum Access {
        case open, reader, member, restricted
    }

    /// One documented operation.
    struct Operation {
        var method: String
        var path: String
        var id: String
        var summary: String
        var access: Access
        var query: [JSONValue] = []
        /// Component schema of the JSON body, if any.
        var body: String?
        var bodyRequired = true
        /// The success status and component schema of its body (nil: no body).
        var success: (status: Int, schema: String?, description: String) = (200, nil, "OK")
        /// Component schema of the body of a 201 Created answer, for writes that create.
        var created: String?
        var requiresIfMatch = false
        var acceptsIfMatch = false
        var conditionalGet = false
        var extraErrors: [Int] = []
    }

    static func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }

    static let translation = TranslationsController.base

    /// Responses that carry an ETag header.
    static let taggedSchemas: Set<String> = ["Material", "TranslationState", "TranslationOrRevision", "PublishedTranslation",
                                              "RevisionRecord", "Preview", "PlanRecord", "Plan"]

    static var operations: [Operation] {
        var list: [Operation] = [
            Operation(method: "get", path: "/healthz", id: "health", summary: "Liveness and database check.", access: .open,
                      success: (200, "Health", "The server and its database answer.")),
            Operation(method: "get", path: "/openapi.json", id: "openAPI", summary: "This document.", access: .open,
                      success: (200, nil, "The OpenAPI 3.1 document.")),
            Operation(method: "get", path: "/v1/locales", id: "listLocales", summary: "Every locale Loa publishes in.", access: .reader,
                      success: (200, "LocaleList", "The locales, by code.")),
            Operation(method: "get", path: "/v1/locales/{code}", id: "getLocale", summary: "One locale.", access: .reader,
                      success: (200, "LocaleInfo", "The locale.")),
            Operation(method: "get", path: "/v1/materials", id: "listMaterials",
                      summary: "Materials in slug order, filtered, one page at a time (keyset cursor; a Link header names the next page).",
                      access: .reader,
                      query: [param("topic", "Only materials with this topic."), param("audience", "Only materials for this audience."),
                              param("channel", "Only materials for this channel.", schema: enumeration(Channel.allCases.map(\.rawValue))),
                              param("sourceLocale", "Only materials written in this locale."),
                              param("limit", "Page size.", schema: ["type": "integer", "minimum": 1, "maximum": 200, "default": 50]),
                              param("cursor", "The nextCursor of the previous page.")],
                      body: nil, success: (200, "MaterialList", "One page of materials."), extraErrors: [422]),
            Operation(method: "post", path: "/v1/materials", id: "createMaterial", summary: "Create a material (editors and admins).",
                      access: .restricted, body: "MaterialInput", success: (201, "Material", "Created; ETag is its version."),
                      created: "Material"),
            Operation(method: "get", path: "/v1/materials/{slug}", id: "getMaterial", summary: "One material's metadata.",
                      access: .reader, success: (200, "Material", "The material; ETag is its version."), conditionalGet: true),
            Operation(method: "put", path: "/v1/materials/{slug}", id: "updateMaterial",
                      summary: "Replace a material's metadata (editors and admins). The source locale changes only while it has no texts.",
                      access: .restricted, body: "MaterialInput", success: (200, "Material", "Updated; ETag is the new version."),
                      requiresIfMatch: true),
            Operation(method: "get", path: translation, id: "getTranslation",
                      summary: "A translation's current state and newest text; with ?revision=N, that revision instead.",
                      access: .member, query: [param("revision", "A revision number.", schema: ["type": "integer", "minimum": 1])],
                      success: (200, "TranslationOrRevision", "The state (ETag: head revision hash), or the revision asked for."),
                      conditionalGet: true, extraErrors: [422]),
            Operation(method: "put", path: translation, id: "saveDraft",
                      summary: "Save a new draft revision. Creating a translation needs no If-Match; changing one needs the ETag read.",
                      access: .restricted, body: "DraftInput", success: (200, "TranslationState", "Saved; ETag is the new head. 201 when created."),
                      created: "TranslationState", acceptsIfMatch: true, extraErrors: [409]),
            Operation(method: "get", path: translation + "/published", id: "getPublished",
                      summary: "The published text readers get (anonymous clients too when the server allows it).", access: .reader,
                      success: (200, "PublishedTranslation", "The published revision; ETag is its hash."), conditionalGet: true),
            Operation(method: "get", path: translation + "/preview", id: "previewRevision",
                      summary: "The head revision (or ?revision=N) rendered to safe HTML.", access: .member,
                      query: [param("revision", "A revision number.", schema: ["type": "integer", "minimum": 1])],
                      success: (200, "Preview", "Rendered HTML."), extraErrors: [422]),
            Operation(method: "post", path: translation + "/preview", id: "previewText",
                      summary: "Render unsaved Markdown to safe HTML (for those who may write this translation).", access: .restricted,
                      body: "PreviewInput", success: (200, "Preview", "Rendered HTML.")),
            Operation(method: "get", path: translation + "/history", id: "getHistory", summary: "Every revision, oldest first.",
                      access: .member, success: (200, "RevisionList", "The revisions.")),
            Operation(method: "get", path: translation + "/revisions/{number}", id: "getRevision", summary: "One revision.",
                      access: .member, success: (200, "RevisionRecord", "The revision; ETag is its hash."), extraErrors: [422]),
            Operation(method: "post", path: translation + "/revisions/{number}/restore", id: "restoreRevision",
                      summary: "Make an old revision's text the newest draft (a new revision).", access: .restricted,
                      success: (200, "TranslationState", "Restored; ETag is the new head."), requiresIfMatch: true,
                      extraErrors: [409, 422]),
            Operation(method: "get", path: translation + "/diff", id: "getDiff",
                      summary: "What changed between two revisions' bodies (default: the head against the one before).", access: .member,
                      query: [param("from", "Older revision number.", schema: ["type": "integer", "minimum": 1]),
                              param("to", "Newer revision number (default: the head).", schema: ["type": "integer", "minimum": 1]),
                              param("granularity", "Lines or Markdown blocks.", schema: enumeration(["lines", "blocks"]))],
                      success: (200, "RevisionDiff", "The changes."), extraErrors: [422]),
            Operation(method: "get", path: translation + "/source-changes", id: "getSourceChanges",
                      summary: "The source-text blocks changed since this translation was made or confirmed.", access: .member,
                      success: (200, "SourceChanges", "The changed blocks; empty when the translation is up to date.")),
            Operation(method: "get", path: "/v1/completeness", id: "getCompleteness",
                      summary: "Material × locale matrix of translation states, with counts per locale.", access: .member,
                      query: [param("locale", "Only this locale (404 when the store has no such locale).")],
                      success: (200, "Completeness", "The matrix."), extraErrors: [404]),
            Operation(method: "get", path: "/v1/search", id: "search",
                      summary: "Full-text search, insensitive to Vietnamese tone marks and đ; exact spellings first.", access: .member,
                      query: [param("q", "Words to find.", required: true),
                              param("locale", "Only this locale (404 when the store has no such locale)."),
                              param("status", "Only this status.", schema: enumeration(TranslationStatus.allCases.map(\.rawValue))),
                              param("topic", "Only materials with this topic (404 when no material has it)."),
                              param("limit", "Most results.", schema: ["type": "integer", "minimum": 1, "maximum": 200, "default": 20])],
                      success: (200, "SearchResults", "Hits, best first."), extraErrors: [404, 422]),
            Operation(method: "get", path: "/v1/audit", id: "getAuditLog", summary: "The audit log, newest first (admins only).",
                      access: .restricted,
                      query: [param("slug", "Only this material."), param("locale", "Only this locale."),
                              param("limit", "Most entries.", schema: ["type": "integer", "minimum": 1, "maximum": 1000, "default": 100])],
                      success: (200, "AuditList", "Audit entries."), extraErrors: [422]),
            Operation(method: "get", path: "/v1/plans", id: "listPlans", summary: "Plans kept by the server, newest first.", access: .member,
                      query: [param("campaign", "Only plans of this campaign id."),
                              param("limit", "Most plans.", schema: ["type": "integer", "minimum": 1, "maximum": 1000, "default": 100])],
                      success: (200, "PlanList", "Plan records (without their plan files)."), extraErrors: [422]),
            Operation(method: "post", path: "/v1/plans", id: "createPlan",
                      summary: "Plan a campaign over the published texts, as `loa plan` does, and keep the plan (planners and admins).",
                      access: .restricted, body: "PlanInput",
                      success: (200, "PlanRecord", "The same campaign over the same snapshot was planned before: the kept plan."),
                      created: "PlanRecord"),
            Operation(method: "get", path: "/v1/plans/{id}", id: "getPlan",
                      summary: "A kept plan's file: deliveries with their explanations, regions, coverage, channel use, translation gaps.",
                      access: .member, success: (200, "Plan", "The plan file, byte for byte as `loa plan --out` writes it."),
                      conditionalGet: true),
        ]
        for action in WorkflowAction.allCases {
            list.append(Operation(method: "post", path: translation + "/" + action.rawValue, id: action.rawValue + "Translation",
                                  summary: workflowSummary(action), access: .restricted, body: "NoteInput", bodyRequired: false,
                                  success: (200, "TranslationState", "Done; the new state."), requiresIfMatch: true,
                                  extraErrors: [409]))
        }
        return list
    }

    private static func workflowSummary(_ action: WorkflowAction) -> String {
        switch action {
        case .submit: "Send a draft for review (its writers)."
        case .approve: "Approve the head revision (a reviewer of the locale who did not write it)."
        case .reject: "Send text in review or approved back to draft (a reviewer of the locale)."
        case .publish: "Publish the approved head revision (a reviewer of the locale)."
        case .archive: "Withdraw the translation (an admin or a reviewer of the locale)."
        case .confirm: "Confirm an outdated translation is still accurate for the new source (its writers or reviewers)."
        }
    }

    static var document: JSONValue {
        var paths: [String: JSONValue] = [:]
        for operation in operations {
            var item: [String: JSONValue]
            if case .object(let existing) = paths[operation.path] ?? .null { item = existing } else { item = [:] }
            item[operation.method] = describe(operation)
            paths[operation.path] = .object(item)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Loa content API",
                "version": "1",
                "description": .string("""
                    Authoring, translation, review and publication of counter-trafficking awareness materials. \
                    Authenticate with `Authorization: Bearer <token>` (tokens come from `loa user add`). Every mutable \
                    resource has a strong ETag (its revision hash or version); writes need `If-Match` (428 without it, \
                    412 with the current ETag when stale). Errors are RFC 9457 problem+json. Text is stored in NFC.
                    """),
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "description": "A token from `loa user add`."]],
                "schemas": .object(schemas),
                "responses": .object(problemResponses),
                "parameters": [
                    "IfMatch": ["name": "If-Match", "in": "header", "required": false, "schema": ["type": "string"],
                                "description": "The ETag you read (a quoted revision hash). `*` is refused: it names no version."],
                    "IfNoneMatch": ["name": "If-None-Match", "in": "header", "required": false, "schema": ["type": "string"],
                                    "description": "An ETag you hold; 304 when it is still current."],
                    "XRequestId": ["name": "X-Request-Id", "in": "header", "required": false, "schema": ["type": "string", "maxLength": 128],
                                   "description": "Your id for this request, echoed and logged; one is made when absent."],
                ],
            ],
        ]
    }

    private static func describe(_ operation: Operation) -> JSONValue {
        var parameters: [JSONValue] = pathParameters(operation.path)
        parameters += operation.query
        parameters.append(["$ref": "#/components/parameters/XRequestId"])
        if operation.requiresIfMatch || operation.acceptsIfMatch { parameters.append(["$ref": "#/components/parameters/IfMatch"]) }
        if operation.conditionalGet { parameters.append(["$ref": "#/components/parameters/IfNoneMatch"]) }

        var responses: [String: JSONValue] = [:]
        var success: [String: JSONValue] = ["description": .string(operation.success.description)]
        if let schema = operation.success.schema {
            success["content"] = ["application/json": ["schema": ref(schema)]]
        } else if operation.path == "/openapi.json" {
            success["content"] = ["application/json": ["schema": ["type": "object"]]]
        }
        if let schema = operation.success.schema, taggedSchemas.contains(schema), operation.id != "previewText" {
            success["headers"] = ["ETag": ["description": "Strong ETag: the revision hash or version.", "schema": ["type": "string"]]]
        }
        responses[String(operation.success.status)] = .object(success)
        if let created = operation.created {
            responses["201"] = ["description": "Created.", "headers": ["ETag": ["schema": ["type": "string"]], "Location": ["schema": ["type": "string"]]],
                                "content": ["application/json": ["schema": ref(created)]]]
        }
        if operation.conditionalGet { responses["304"] = ["description": "Not modified: the If-None-Match ETag is current."] }

        var errors = Set(operation.extraErrors + [500])
        if operation.access != .open { errors.insert(401) }
        if operation.access == .restricted { errors.insert(403) }
        if operation.path.contains("{") { errors.insert(404) }
        if operation.body != nil { errors.formUnion([400, 413, 422]) }
        if operation.requiresIfMatch || operation.acceptsIfMatch { errors.formUnion([412, 428]) }
        for status in errors.sorted() { responses[String(status)] = ["$ref": .string("#/components/responses/Problem\(status)")] }

        var result: [String: JSONValue] = [
            "operationId": .string(operation.id),
            "summary": .string(operation.summary),
            "parameters": .array(parameters),
            "responses": .object(responses),
        ]
        switch operation.access {
        case .open: result["security"] = []
        case .reader: result["security"] = [["bearer": []], [:]]
        case .member, .restricted: result["security"] = [["bearer": []]]
        }
        if let body = operation.body {
            result["requestBody"] = ["required": .bool(operation.bodyRequired),
                                     "content": ["application/json": ["schema": ref(body)]]]
        }
        return .object(result)
    }

    private static func pathParameters(_ path: String) -> [JSONValue] {
        let descriptions = ["code": "A locale code (BCP 47), such as hmn.", "slug": "A material's slug.",
                            "locale": "A locale code (BCP 47), such as hmn.", "number": "A revision number, from 1.",
                            "id": "A plan id, as POST /v1/plans answers it."]
        return path.split(separator: "/").filter { $0.hasPrefix("{") }.map { segment in
            let name = String(segment.dropFirst().dropLast())
            return ["name": .string(name), "in": "path", "required": true,
                    "schema": name == "number" ? ["type": "integer", "minimum": 1] : ["type": "string"],
                    "description": .string(descriptions[name] ?? name)]
        }
    }

    private static func param(_ name: String, _ description: String, required: Bool = false,
                              schema: JSONValue = ["type": "string"]) -> JSONValue {
        ["name": .string(name), "in": "query", "required": .bool(required), "schema": schema, "description": .string(description)]
    }

    private static var problemResponses: [String: JSONValue] {
        let statuses: [(Int, String)] = [
            (400, "Malformed request: bad JSON (with line and column), bad UTF-8 (with byte offset), an empty or non-JSON body."),
            (401, "No valid bearer token. WWW-Authenticate: Bearer."),
            (403, "The user's role or locales do not allow this."),
            (404, "No such resource or route."),
            (409, "The workflow does not allow this action in the current state."),
            (412, "Edit conflict: the If-Match ETag is stale. The ETag header carries the current one."),
            (413, "The body is larger than the server's limit (1 MiB by default)."),
            (422, "Invalid input; `errors` lists each field, the problem and the fix. Nothing was changed."),
            (428, "If-Match is required for this write."),
            (500, "The server failed; the failure is logged under the X-Request-Id."),
        ]
        var responses: [String: JSONValue] = [:]
        for (status, description) in statuses {
            var response: [String: JSONValue] = ["description": .string(description),
                                                 "content": ["application/problem+json": ["schema": ref("Problem")]]]
            if status == 412 { response["headers"] = ["ETag": ["description": "The current ETag.", "schema": ["type": "string"]]] }
            if status == 401 { response["headers"] = ["WWW-Authenticate": ["schema": ["type": "string"]]] }
            responses["Problem\(status)"] = .object(response)
        }
        return responses
    }

    // MARK: Schemas

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    private static let string: JSONValue = ["type": "string"]
    private static let integer: JSONValue = ["type": "integer"]
    private static let boolean: JSONValue = ["type": "boolean"]
    private static let hash: JSONValue = ["type": "string", "pattern": "^[0-9a-f]{64}$"]
    private static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    private static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map(JSONValue.string))] }
    private static func nullable(_ schema: JSONValue) -> JSONValue { ["oneOf": [schema, ["type": "null"]]] }

    private static func object(_ properties: [String: JSONValue], required: [String], description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties),
                                           "required": .array(required.map(JSONValue.string)), "additionalProperties": false]
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }

    private static func list(_ item: String, paged: Bool = false) -> JSONValue {
        paged ? object(["items": array(ref(item)), "nextCursor": nullable(string)], required: ["items", "nextCursor"])
            : object(["items": array(ref(item)), "nextCursor": ["type": "null"]], required: ["items"])
    }

    static var schemas: [String: JSONValue] {
        let statuses = enumeration(TranslationStatus.allCases.map(\.rawValue))
        let diffLine = object(["kind": enumeration(["same", "added", "removed"]), "text": string], required: ["kind", "text"])
        return [
            "Problem": object(["type": string, "title": string, "status": integer, "detail": string, "errors": array(ref("InputIssue"))],
                              required: ["type", "title", "status", "detail"], description: "RFC 9457 problem details."),
            "InputIssue": object(["file": string, "line": integer, "field": string, "locale": string, "problem": string, "fix": string],
                                 required: ["problem", "fix"], description: "One thing wrong with the input and how to fix it."),
            "Health": object(["status": string, "migrations": integer, "cachedReads": integer], required: ["status", "migrations", "cachedReads"]),
            "LocaleInfo": object([
                "code": string, "iso639_3": string, "englishName": string, "autonym": string, "script": string,
                "direction": enumeration(["ltr", "rtl"]), "fallbacks": array(string), "wordsPerMinute": integer,
                "uiStrings": ["type": "object", "additionalProperties": string],
            ], required: ["code", "iso639_3", "englishName", "autonym", "script", "direction", "fallbacks", "wordsPerMinute", "uiStrings"]),
            "LocaleList": list("LocaleInfo"),
            "Material": object([
                "slug": string, "topics": array(string), "audiences": array(string), "sourceLocale": string,
                "channels": array(enumeration(Channel.allCases.map(\.rawValue))), "createdAt": string, "updatedAt": string, "version": hash,
            ], required: ["slug", "topics", "audiences", "sourceLocale", "channels", "createdAt", "updatedAt", "version"]),
            "MaterialList": list("Material", paged: true),
            "MaterialInput": object([
                "slug": ["type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 80],
                "topics": array(string), "audiences": array(string), "sourceLocale": string,
                "channels": array(enumeration(Channel.allCases.map(\.rawValue))),
            ], required: ["topics", "sourceLocale", "channels"], description: "slug is required on create and fixed afterwards."),
            "TranslationContent": object(["title": string, "summary": string, "body": string, "sms": string, "notes": string, "translatedFrom": hash],
                                         required: ["title", "summary", "body"]),
            "DraftInput": object(["title": string, "summary": string, "body": ["type": "string", "description": "Markdown."],
                                  "sms": string, "notes": string, "translatedFrom": hash],
                                 required: ["title", "summary", "body"]),
            "RevisionInfo": object(["number": integer, "hash": hash, "author": string, "createdAt": string, "approvedBy": array(string)],
                                   required: ["number", "hash", "author", "createdAt", "approvedBy"]),
            "TranslationState": object([
                "slug": string, "locale": string, "status": statuses, "head": ref("RevisionInfo"), "published": ref("RevisionInfo"),
                "outdated": boolean, "sourceHash": hash, "content": ref("TranslationContent"),
            ], required: ["slug", "locale", "status", "head", "outdated", "content"]),
            "RevisionRecord": object(["info": ref("RevisionInfo"), "content": ref("TranslationContent"), "isHead": boolean, "isPublished": boolean],
                                     required: ["info", "content", "isHead", "isPublished"]),
            "TranslationOrRevision": ["oneOf": [ref("TranslationState"), ref("RevisionRecord")]],
            "RevisionList": list("RevisionRecord"),
            "PublishedTranslation": object(["slug": string, "locale": string, "revisionHash": hash, "content": ref("TranslationContent"),
                                            "publishedAt": ["type": "string", "format": "date-time"]],
                                           required: ["slug", "locale", "revisionHash", "content", "publishedAt"]),
            "Preview": object(["slug": string, "locale": string, "revision": integer, "hash": hash, "title": string, "summary": string,
                               "html": string], required: ["slug", "locale", "html"]),
            "PreviewInput": object(["body": ["type": "string", "description": "Markdown."]], required: ["body"]),
            "NoteInput": object(["note": string], required: [], description: "Optional; an empty body is allowed."),
            "DiffLine": diffLine,
            "RevisionDiff": object([
                "slug": string, "locale": string, "from": integer, "to": integer, "fromHash": hash, "toHash": hash,
                "granularity": enumeration(["lines", "blocks"]), "titleChanged": boolean, "summaryChanged": boolean,
                "changes": array(ref("DiffLine")),
            ], required: ["slug", "locale", "from", "to", "fromHash", "toHash", "granularity", "titleChanged", "summaryChanged", "changes"]),
            "SourceChanges": object([
                "slug": string, "locale": string, "sourceLocale": string, "fromHash": hash, "toHash": hash,
                "blocks": array(ref("DiffLine")), "titleChanged": boolean, "summaryChanged": boolean,
            ], required: ["slug", "locale", "sourceLocale", "blocks", "titleChanged", "summaryChanged"]),
            "CompletenessCell": object([
                "slug": string, "locale": string,
                "state": enumeration(["missing", "draft", "in_review", "approved", "published", "archived", "outdated"]),
                "status": statuses, "outdated": boolean, "hasPublished": boolean,
            ], required: ["slug", "locale", "state", "outdated", "hasPublished"]),
            "Completeness": object([
                "locales": array(string), "materials": array(string), "cells": array(ref("CompletenessCell")),
                "counts": ["type": "object", "additionalProperties": ["type": "object", "additionalProperties": integer]],
            ], required: ["locales", "materials", "cells", "counts"]),
            "SearchHit": object(["slug": string, "locale": string, "status": statuses, "title": string, "snippet": string, "exactSpelling": boolean],
                                required: ["slug", "locale", "status", "title", "snippet", "exactSpelling"]),
            "SearchResults": list("SearchHit"),
            "AuditRecord": object([
                "id": integer, "at": string, "actor": string, "action": string, "slug": string, "locale": string,
                "revisionHash": hash, "beforeHash": hash, "afterHash": hash, "detail": string,
            ], required: ["at", "actor", "action", "detail"]),
            "AuditList": list("AuditRecord"),
            "PlanInput": object(["campaign": ["type": "string", "pattern": "^[a-z0-9_-]+$", "description": "A campaign file on the server, without .yaml."],
                                 "yaml": ["type": "string", "description": "A campaign file's text."]],
                                required: [], description: "Exactly one of campaign and yaml."),
            "PlanRecord": object([
                "id": string, "hash": hash, "campaignID": string, "campaignName": string, "snapshotID": string, "deliveries": integer,
                "totalReach": integer, "totalCost": ["type": "number"], "currency": string, "createdBy": string, "createdAt": string,
            ], required: ["id", "hash", "campaignID", "campaignName", "snapshotID", "deliveries", "totalReach", "totalCost", "currency",
                          "createdBy", "createdAt"]),
            "PlanList": list("PlanRecord"),
            // The plan file's full format is documented in docs/planner.md; the schema pins its main parts.
            "Plan": [
                "type": "object",
                "description": "The plan file written by `loa plan` (see docs/planner.md).",
                "required": ["formatVersion", "campaignID", "snapshotID", "window", "deliveries", "regions", "coverage", "channelUsage",
                             "translationGaps", "assumptions", "verification"],
                "properties": [
                    "formatVersion": integer, "campaignID": string, "campaignName": string, "snapshotID": string,
                    "deliveries": array(["type": "object", "required": ["regionCode", "material", "locale", "revisionHash", "channel", "date", "factors"]]),
                    "regions": array(["type": "object", "required": ["regionCode", "status", "factors", "reasons"]]),
                ],
            ],
        ]
    }
}
