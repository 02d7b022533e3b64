import Foundation

/// A least-recently-used cache bounded by the total cost of its values (bytes, for rendered
/// pages) and by a number of entries. Safe to use from every event loop at once: one lock, held
/// only for dictionary and list operations (never while a value is made).
///
/// Entries are kept in a doubly linked list threaded through the dictionary by key, so lookup,
/// insertion, promotion and eviction are all O(1).
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Node {
        var value: Value
        var cost: Int
        var newer: Key?
        var older: Key?
    }

    /// The most the values may cost together; an entry costing more than this is not kept.
    let costLimit: Int
    /// The most entries kept, whatever they cost.
    let countLimit: Int

    private let lock = NSLock()
    private var nodes: [Key: Node] = [:]
    private var newest: Key?
    private var oldest: Key?
    private var totalCost = 0

    init(costLimit: Int, countLimit: Int = .max) {
        self.costLimit = max(0, costLimit)
        self.countLimit = max(0, countLimit)
    }

    /// The value for `key`, which becomes the most recently used.
    func value(for key: Key) -> Value? {
        lock.lock(); defer { lock.unlock() }
        guard let node = nodes[key] else { return nil }
        moveToFront(key)
        return node.value
    }

    /// Keeps `value` under `key` (replacing any earlier one) and evicts the least recently used
    /// entries until both limits hold. A value dearer than the whole budget is not kept.
    func set(_ value: Value, for key: Key, cost: Int) {
        lock.lock(); defer { lock.unlock() }
        removeLocked(key)
        guard cost <= costLimit, countLimit > 0 else { return }
        nodes[key] = Node(value: value, cost: cost, newer: nil, older: newest)
        if let previous = newest { nodes[previous]?.newer = key }
        newest = key
        if oldest == nil { oldest = key }
        totalCost += cost
        while totalCost > costLimit || nodes.count > countLimit, let victim = oldest {
            removeLocked(victim)
        }
    }

    func remove(_ key: Key) {
        lock.lock(); defer { lock.unlock() }
        removeLocked(key)
    }

    /// Removes every entry whose key satisfies `predicate` (a walk over all entries).
    func removeAll(where predicate: (Key) -> Bool) {
        lock.lock(); defer { lock.unlock() }
        for key in nodes.keys where predicate(key) { removeLocked(key) }
    }

    func removeAll() {
        lock.lock(); defer { lock.unlock() }
        nodes = [:]
        newest = nil
        oldest = nil
        totalCost = 0
    }

    /// Entries and their total cost, now.
    var usage: (count: Int, cost: Int) {
        lock.lock(); defer { lock.unlock() }
        return (nodes.count, totalCost)
    }

    // MARK: The list (call with the lock held)

    private func unlink(_ key: Key) {
        guard let node = nodes[key] else { return }
        if let newer = node.newer { nodes[newer]?.older = node.older } else { newest = node.older }
        if let older = node.older { nodes[older]?.newer = node.newer } else { oldest = node.newer }
        nodes[key]?.newer = nil
        nodes[key]?.older = nil
    }

    private func moveToFront(_ key: Key) {
        guard newest != key else { return }
        unlink(key)
        nodes[key]?.older = newest
        if let previous = newest { nodes[previous]?.newer = key }
        newest = key
        if oldest == nil { oldest = key }
    }

    private func removeLocked(_ key: Key) {
        guard let node = nodes[key] else { return }
        unlink(key)
        nodes[key] = nil
        totalCost -= node.cost
    }
}
