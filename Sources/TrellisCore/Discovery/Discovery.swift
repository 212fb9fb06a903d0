#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stage 1, discover: walks the content folder in a fixed (sorted) order.
///
/// In: the content folder. Out: an ``Inventory`` and diagnostics for files
/// that do not fit the layout (bad ids, stray files, symbolic links that
/// leave the folder). Reads no file contents. The inventory is nil when the
/// content folder itself cannot be read (one `missing-content` error).
public enum Discovery {
    public static func run(contentDirectory: String, displayDirectory: String) -> (Inventory?, [Diagnostic]) {
        var walker = Walker(root: contentDirectory, display: displayDirectory)
        walker.walk()
        return (walker.rootMissing ? nil : walker.inventory, walker.diagnostics)
    }

    struct Walker {
        let root: String
        let display: String
        var inventory: Inventory
        var diagnostics: [Diagnostic] = []
        /// The content folder itself could not be read.
        var rootMissing = false

        init(root: String, display: String) {
            self.root = root
            self.display = display
            inventory = Inventory(contentDirectory: root, displayDirectory: display, config: nil, documents: [], media: [], routes: [:], allFiles: [])
        }

        func source(_ relative: String) -> SourceFile {
            SourceFile(relativePath: relative, displayPath: display.isEmpty ? relative : "\(display)/\(relative)")
        }

        mutating func walk() {
            let top = list("")
            // A content folder that is missing is one error, not a second one about its site.yml.
            if rootMissing { return }
            for entry in top {
                let path = entry.name
                switch (path, entry.isDirectory) {
                case ("site.yml", false):
                    inventory.config = source(path)
                case ("site.yaml", false):
                    diagnostics.append(
                        .error(
                            "misnamed-config", at: source(path).location(), "the settings file must be called site.yml",
                            hint: "rename site.yaml to site.yml"))
                case ("index.md", false):
                    add(.home, path)
                case (_, false) where translation(path, in: ""):
                    continue
                case ("modules", true):
                    walkModules()
                case ("practices", true):
                    walkFlat("practices") { .practice($0) }
                case ("pages", true):
                    walkFlat("pages") { .page($0) }
                case ("media", true):
                    walkMedia("media")
                case ("i18n", true):
                    for file in list("i18n") {
                        let path = "i18n/\(file.name)"
                        if !file.isDirectory, file.name.hasSuffix(".yml"), SiteConfig.isLanguageTag(String(file.name.dropLast(4))) {
                            inventory.interfaceFiles[String(file.name.dropLast(4))] = source(path)
                        } else {
                            stray(path, file.isDirectory, expected: "one <language>.yml per language, e.g. es.yml")
                        }
                    }
                default:
                    stray(path, entry.isDirectory, expected: "site.yml, index.md, modules/, practices/, pages/, media/ and i18n/")
                }
            }
            let configPath = source("site.yml").displayPath
            if inventory.config == nil, !diagnostics.contains(where: { $0.id == "unreadable" && $0.location?.path == configPath }) {
                diagnostics.append(
                    .error(
                        "missing-config", at: source("site.yml").location(), "the content folder has no site.yml",
                        hint: "create site.yml with at least 'title: Name of your site'"))
            }
        }

        /// Records `name` in `folder` as a translation when it is one (`<name>.<lang>.md`).
        mutating func translation(_ name: String, in folder: String) -> Bool {
            guard let (original, language) = TranslationSource.split(name) else { return false }
            let path = folder.isEmpty ? name : "\(folder)/\(name)"
            inventory.translations.append(
                TranslationSource(language: language, file: source(path), originalPath: folder.isEmpty ? original : "\(folder)/\(original)"))
            return true
        }

        mutating func add(_ kind: DocumentKind, _ path: String) {
            inventory.documents.append(DocumentSource(kind: kind, file: source(path)))
            inventory.routes[path] = kind.route
        }

        mutating func stray(_ path: String, _ isDirectory: Bool, expected: String) {
            diagnostics.append(
                .warning(
                    "stray-file", at: source(path).location(),
                    "\(isDirectory ? "folder" : "file") '\(path)' is not part of the site layout and is ignored",
                    hint: "this folder may hold \(expected)"))
        }

        mutating func checkID(_ id: String, _ path: String) -> Bool {
            if Identifier.isValid(id) { return true }
            diagnostics.append(
                .error(
                    "bad-id", at: source(path).location(),
                    "'\(id)' is not a valid id: ids use only lowercase a-z, digits and '-', and start with a letter or digit",
                    hint: "rename it to '\(Identifier.suggestion(for: id))'"))
            return false
        }

        mutating func walkModules() {
            for entry in list("modules") {
                let path = "modules/\(entry.name)"
                guard entry.isDirectory else {
                    stray(path, false, expected: "one folder per module")
                    continue
                }
                guard checkID(entry.name, path) else { continue }
                walkModule(entry.name)
            }
        }

        mutating func walkModule(_ module: String) {
            var hasDefinition = false
            var numbers: [Int: String] = [:]
            var ids: [String: String] = [:]
            for entry in list("modules/\(module)") {
                let path = "modules/\(module)/\(entry.name)"
                if entry.isDirectory {
                    if entry.name == "media" { walkMedia(path) } else { stray(path, true, expected: "module.md, numbered task files and media/") }
                    continue
                }
                if translation(entry.name, in: "modules/\(module)") { continue }
                if entry.name == "module.md" {
                    hasDefinition = true
                    add(.module(module), path)
                    continue
                }
                guard entry.name.hasSuffix(".md") else {
                    stray(path, false, expected: "module.md, numbered task files and media/")
                    continue
                }
                let stem = String(entry.name.dropLast(3))
                let digits = stem.prefix(while: { $0.isASCII && $0.isNumber })
                guard !digits.isEmpty, let number = Int(digits), stem.dropFirst(digits.count).first == "-" else {
                    diagnostics.append(
                        .error(
                            "bad-task-name", at: source(path).location(),
                            "task file '\(entry.name)' must start with its number in the sequence, like '01-\(Identifier.suggestion(for: stem)).md'",
                            hint: "rename it so that the number gives its place in the sequence"))
                    continue
                }
                var id = String(stem.dropFirst(digits.count + 1))
                guard checkID(id, path) else { continue }
                if let other = ids[id] {
                    // Two tasks with the same name: keep both, the later one's page carries its number.
                    let unique = "\(id)-\(digits)"
                    diagnostics.append(
                        .warning(
                            "duplicate-task-id", at: source(path).location(),
                            "task name '\(id)' is also used by '\(other)'; this task is published as '\(unique).html'",
                            hint: "give each task of a module its own name"))
                    id = unique
                }
                ids[id] = entry.name
                if id == "index" {
                    diagnostics.append(
                        .error(
                            "reserved-id", at: source(path).location(), "a task may not be called 'index': its page would replace the module page",
                            hint: "choose another name, e.g. '\(digits)-introduction.md'"))
                    continue
                }
                if let other = numbers[number] {
                    diagnostics.append(
                        .error(
                            "duplicate-task-number", at: source(path).location(),
                            "task number \(digits) is also used by '\(other)'", hint: "give each task its own number"))
                }
                numbers[number] = entry.name
                add(.task(module: module, id: id, number: number), path)
            }
            if !hasDefinition {
                diagnostics.append(
                    .error(
                        "missing-module-file", at: source("modules/\(module)/module.md").location(),
                        "module folder '\(module)' has no module.md", hint: "create module.md with 'title' and 'summary' in its front matter"))
            }
        }

        mutating func walkFlat(_ folder: String, kind: (String) -> DocumentKind) {
            let entries = list(folder)
            // Room for them all at once: a folder of practices is thousands of files.
            inventory.documents.reserveCapacity(inventory.documents.count + entries.count)
            inventory.routes.reserveCapacity(inventory.routes.count + entries.count)
            for entry in entries {
                let path = "\(folder)/\(entry.name)"
                if entry.isDirectory {
                    if entry.name == "media" { walkMedia(path) } else { stray(path, true, expected: "Markdown files and media/") }
                    continue
                }
                guard entry.name.hasSuffix(".md") else {
                    stray(path, false, expected: "Markdown files (.md) and media/")
                    continue
                }
                if translation(entry.name, in: folder) { continue }
                let id = String(entry.name.dropLast(3))
                guard checkID(id, path) else { continue }
                if folder == "practices", id == "index" {
                    diagnostics.append(
                        .error(
                            "reserved-id", at: source(path).location(), "a practice may not be called 'index': its page would replace the catalogue",
                            hint: "rename the file"))
                    continue
                }
                add(kind(id), path)
            }
        }

        /// Files that are content sources, never published as media.
        static func isContentSource(_ name: String) -> Bool {
            let lower = name.lowercased()
            return lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower == "site.yml" || lower == "site.yaml"
                || lower.hasSuffix(".mustache")
        }

        mutating func walkMedia(_ folder: String) {
            for entry in list(folder) {
                let path = "\(folder)/\(entry.name)"
                if entry.isDirectory {
                    walkMedia(path)
                } else if Self.isContentSource(entry.name) {
                    diagnostics.append(
                        .warning(
                            "source-in-media", at: source(path).location(),
                            "'\(path)' is a content source, not a media file, and is not published",
                            hint: "move it out of the media folder; media folders hold images and files that pages link to"))
                } else {
                    inventory.media.append(source(path))
                    inventory.routes[path] = .file(path)
                }
            }
        }

        struct Entry {
            var name: String
            var isDirectory: Bool
        }

        static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19
        static let typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type) ?? 18

        /// Sorted entries of a folder, skipping hidden files; records every
        /// file in `allFiles` and refuses symbolic links that leave the root.
        mutating func list(_ relative: String) -> [Entry] {
            let absolute = relative.isEmpty ? root : "\(root)/\(relative)"
            guard enter(relative, absolute: absolute) else { return [] }
            guard let dir = opendir(absolute) else {
                if relative.isEmpty {
                    rootMissing = true
                    diagnostics.append(
                        .error(
                            "missing-content", at: nil, "content folder '\(display)' does not exist or cannot be read",
                            hint: "run in the folder that holds content/, or pass --content DIR"))
                } else {
                    unreadable(relative, isDirectory: true)
                }
                return []
            }
            defer { closedir(dir) }
            var entries: [Entry] = []
            while let pointer = readdir(dir) {
                // A directory entry may be shorter than `dirent` (d_reclen), so read
                // its fields in place: never copy the whole struct.
                let raw = UnsafeRawPointer(pointer)
                let name = String(cString: (raw + Self.nameOffset).assumingMemoryBound(to: CChar.self))
                if name.hasPrefix(".") || name.hasSuffix("~") { continue }
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                let full = "\(root)/\(path)"
                // The entry's type usually comes with it; stat only when it does not.
                let type = raw.load(fromByteOffset: Self.typeOffset, as: UInt8.self)
                var isDirectory = type == UInt8(DT_DIR)
                var isLink = type == UInt8(DT_LNK)
                if type != UInt8(DT_DIR) && type != UInt8(DT_REG) && type != UInt8(DT_LNK) {
                    var info = stat()
                    guard lstat(full, &info) == 0 else {
                        unreadable(path, isDirectory: false)
                        continue
                    }
                    isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                    isLink = (info.st_mode & S_IFMT) == S_IFLNK
                }
                if isLink {
                    guard let target = resolvedInsideRoot(full) else {
                        diagnostics.append(
                            .warning(
                                "symlink-outside", at: source(path).location(),
                                "symbolic link '\(path)' points outside the content folder and is not followed",
                                hint: "copy the file into the content folder instead"))
                        continue
                    }
                    var targetInfo = stat()
                    guard stat(target, &targetInfo) == 0 else {
                        unreadable(path, isDirectory: false)
                        continue
                    }
                    isDirectory = (targetInfo.st_mode & S_IFMT) == S_IFDIR
                    if isDirectory { linkedFolders.insert(path) }
                }
                // Printable ASCII without a backslash needs no look at Unicode properties.
                let plain = name.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }
                if !plain, name.unicodeScalars.contains(where: { OutputPath.isControlOrFormat($0) || $0 == "\\" }) {
                    diagnostics.append(
                        .error(
                            "bad-file-name", at: source(path).location(),
                            "the name '\(name)' contains a control character or a backslash, which no page can link to",
                            hint: "rename it with letters, digits, '-' and '_'"))
                    continue
                }
                if !isDirectory {
                    // Readable by whoever runs the build, checked now so a file that cannot be
                    // read stops the build before anything is written. Asked of the open folder
                    // (one name to look up, not the whole path). Markdown files are not asked:
                    // the parse (or, for a translation, the plan) reads each one and reports the
                    // same error before anything is written, and asking was most of this walk,
                    // on one core while the other waited. An unreadable stray .md is ignored
                    // with the stray's warning, as it would be if it could be read.
                    if !name.hasSuffix(".md"), faccessat(dirfd(dir), name, R_OK, 0) != 0 {
                        unreadable(path, isDirectory: false)
                        continue
                    }
                    inventory.allFiles.insert(path)
                }
                entries.append(Entry(name: name, isDirectory: isDirectory))
            }
            return entries.sorted { $0.name < $1.name }
        }

        /// Real paths of the folders listed so far, by their path in the walk.
        var realFolders: [String: String] = [:]
        var walkedReal: Set<String> = []
        /// Folders reached through a symbolic link.
        var linkedFolders: Set<String> = []

        /// Whether the folder at `relative` may be walked: never one that is
        /// also an ancestor in the walk (a link loop such as `media/loop -> ..`),
        /// and never, through a link, one that was already walked.
        mutating func enter(_ relative: String, absolute: String) -> Bool {
            guard let real = realPath(relative, absolute: absolute) else { return true }
            var ancestor = Substring(relative)
            while !ancestor.isEmpty {
                ancestor = ancestor.lastIndex(of: "/").map { ancestor[..<$0] } ?? ""
                if realFolders[String(ancestor)] == real {
                    diagnostics.append(
                        .warning(
                            "symlink-loop", at: source(relative).location(),
                            "symbolic link '\(relative)' leads back to a folder that contains it and is not followed",
                            hint: "remove the link; a folder cannot contain itself"))
                    return false
                }
            }
            if linkedFolders.contains(relative), walkedReal.contains(real) {
                diagnostics.append(
                    .warning(
                        "symlink-duplicate", at: source(relative).location(),
                        "symbolic link '\(relative)' leads to a folder that is already part of the site and is not followed",
                        hint: "link to the files where they are instead of linking the folder"))
                return false
            }
            realFolders[relative] = real
            walkedReal.insert(real)
            return true
        }

        /// The real path of the folder at `relative`: its parent's with its name
        /// added when it is a plain folder (not a link) in a folder already
        /// listed, else asked of the system (`realpath` reads every link on the
        /// way, one system call per part of the path, for each folder).
        func realPath(_ relative: String, absolute: String) -> String? {
            if !relative.isEmpty, !linkedFolders.contains(relative) {
                let slash = relative.lastIndex(of: "/")
                let parent = slash.map { String(relative[..<$0]) } ?? ""
                if let parentReal = realFolders[parent] {
                    let name = slash.map { relative[relative.index(after: $0)...] } ?? Substring(relative)
                    return parentReal == "/" ? "/\(name)" : "\(parentReal)/\(name)"
                }
            }
            guard let resolved = realpath(absolute, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        }

        mutating func unreadable(_ path: String, isDirectory: Bool) {
            diagnostics.append(.unreadable(source(path), reason: String(cString: strerror(errno)), isDirectory: isDirectory))
        }

        func resolvedInsideRoot(_ path: String) -> String? {
            guard let resolved = realpath(path, nil), let rootResolved = realpath(root, nil) else { return nil }
            defer {
                free(resolved)
                free(rootResolved)
            }
            let target = String(cString: resolved)
            let base = String(cString: rootResolved)
            return target == base || target.hasPrefix(base + "/") ? target : nil
        }
    }
}
