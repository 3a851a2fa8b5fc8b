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
        deliveries.withUnsafeBufferPointer { list in
            // Pairs in (region, material) order, each pair's deliveries in (date, channel) order; sorted as
            // indices so that no delivery is copied.
            let order = list.indices.sorted { a, b in
                if list[a].regionCode != list[b].regionCode { return list[a].regionCode < list[b].regionCode }
                if list[a].material != list[b].material { return list[a].material < list[b].material }
                return (list[a].date, list[a].channel) < (list[b].date, list[b].channel)
            }
            var total = 0.0
            var factor = 1.0
            var previous: Int?
            for index in order {
                if let previous, list[previous].regionCode == list[index].regionCode, list[previous].material == list[index].material {
                    factor *= repeatValue
                } else {
                    factor = 1
                }
                total += term(list[index]) * factor
                previous = index
            }
            return total
        }
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
