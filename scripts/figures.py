"""What the doc scripts share (imported from scripts/, which Python puts on the path of every script it
runs there): the mean ± population SD as the tables print it, and Kendall's τ-b. Plain Python."""
import statistics


def mean_sd(values, digits):
    """`mean ± population standard deviation`, both to `digits` decimals."""
    return f"{statistics.mean(values):.{digits}f} ± {statistics.pstdev(values):.{digits}f}"


def kendall_tau_b(x, y):
    """Kendall's τ-b of two equally long sequences (ties counted as scipy.stats.kendalltau does)."""
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    return (concordant - discordant) / ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
