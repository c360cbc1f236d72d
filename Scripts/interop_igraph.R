# Reads an Entente GraphML in R igraph and writes every shortest-path length (source, target, length; unreachable
# pairs left out) as a tab-separated table. igraph keeps one direction per graph (the file's edgedefault) and
# reads the per-edge `directed` attribute as nothing: the `directed` data key tells which edges are undirected,
# and those are added the other way too, so the lengths are the mixed graph's.
#
#   Rscript Scripts/interop_igraph.R YEAR.graphml OUT.tsv
suppressPackageStartupMessages(library(igraph))
args <- commandArgs(trailingOnly = TRUE)
g <- read_graph(args[1], format = "graphml")
ends <- ends(g, E(g), names = FALSE)
undirected <- !as.logical(E(g)$directed)
arcs <- rbind(ends, ends[undirected, c(2, 1), drop = FALSE])
mixed <- make_graph(as.vector(t(arcs)), n = vcount(g), directed = TRUE)
d <- distances(mixed, mode = "out", weights = NA)
ids <- V(g)$id
rows <- which(is.finite(d), arr.ind = TRUE)
out <- data.frame(source = ids[rows[, 1]], target = ids[rows[, 2]], length = d[rows])
cat(sprintf("R igraph: %d nodes, %d edges (%d undirected), %d reachable ordered pairs\n",
            vcount(g), ecount(g), sum(undirected), nrow(out)))
write.table(out, args[2], sep = "\t", quote = FALSE, row.names = FALSE)
