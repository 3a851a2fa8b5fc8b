import CampaignModel
import Foundation

/// The objective the planner maximises, as a function of a plan's deliveries alone, so tests and other tools
/// can compare plans.
///
/// objective = Σ over (region, material) pairs of Σₖ regionScore × estimatedReach × languageFit × repeatValueᵏ,
/// the pair's deliveries taken in date order (k = 0 for the first). It is "weighted estimated reach": people
/// reached, weighted by how much the region matters and how well they read the locale, with repeats of the
/// same material counting less.
public enum PlanObjective {
    public static let definition =
        "sum over deliveries of regionScore × estimatedReach × languageFit × repeatValue^k, where k counts earlier deliveries of the same material to the same region (date order)"

    /// The objective of `deliveries` with `repeatValue` (see `PlanningAssumptions.repeatValue`).
    public static func value(of deliveries: [Delivery], repeatValue: Double) -> Double {
        var byPair: [String: [Delivery]] = [:]
        for delivery in deliveries { byPair[delivery.regionCode + "\u{0}" + delivery.material, default: []].append(delivery) }
        var total = 0.0
        for key in byPair.keys.sorted() {
            let list = (byPair[key] ?? []).sorted { ($0.date, $0.channel) < ($1.date, $1.channel) }
            var factor = 1.0
            for delivery in list {
                total += term(delivery) * factor
                factor *= repeatValue
            }
        }
        return total
    }

    /// One delivery's value before the repeat discount.
    public static func term(_ delivery: Delivery) -> Double {
        delivery.regionScore * Double(delivery.estimatedReach) * delivery.languageFit
    }

    /// The objective of a plan, recomputed from its deliveries.
    public static func value(of plan: Plan) -> Double {
        value(of: plan.deliveries, repeatValue: plan.repeatValue)
    }
}
