import Foundation
import LoaCommands

/// The `loa` command line tool; everything it does lives in `LoaCommands`.
@main
enum Loa {
    static func main() async {
        exit(await LoaCommand.runMain())
    }
}
