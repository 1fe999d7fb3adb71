import sys


def main() -> None:
    data = sys.stdin.read().split()
    n, amount = int(data[0]), int(data[1])
    coins = sorted(int(x) for x in data[2 : 2 + n])
    unreachable = amount + 1
    best = [0] + [unreachable] * amount
    for total in range(1, amount + 1):
        fewest = unreachable
        for coin in coins:
            if coin > total:
                break
            if best[total - coin] + 1 < fewest:
                fewest = best[total - coin] + 1
        best[total] = fewest
    print(best[amount] if best[amount] <= amount else -1)


main()
