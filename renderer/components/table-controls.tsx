/** The parts every sortable, filterable table shares: a header cell that sorts, and the filter box. */
import { ariaSortOf, nextSort, type SortState } from "../view-model/table-view.ts";
import { useI18n } from "../state/i18n-context.tsx";

export function SortHeader<C extends string>(props: {
  column: C;
  label: string;
  sort: SortState<C> | undefined;
  onSort: (sort: SortState<C>) => void;
  numeric?: boolean;
  title?: string;
  /** A column hidden on narrow screens (its value folds into another cell). */
  className?: string;
  /** On narrow screens, the label of the column folded under this one. */
  collapsed?: string;
}) {
  const { column, label, sort, onSort, numeric, title, className, collapsed } = props;
  const ariaSort = ariaSortOf(sort, column);
  const classes = [numeric ? "number" : undefined, className].filter(Boolean).join(" ");
  return (
    <th className={classes || undefined} aria-sort={ariaSort} title={title} data-column={column}>
      <button
        type="button"
        className="sort-button"
        data-testid={`sort-${column}`}
        onClick={() => onSort(nextSort(sort, column))}
      >
        {label}
        <span className="sort-mark" aria-hidden="true">
          {ariaSort === "ascending" ? "▲" : ariaSort === "descending" ? "▼" : ""}
        </span>
      </button>
      {collapsed !== undefined && <span className="collapsed">{collapsed}</span>}
    </th>
  );
}

export function TableFilter(props: {
  value: string;
  onChange: (value: string) => void;
  shown: number;
  total: number;
  testId: string;
}) {
  const { t, count } = useI18n();
  return (
    <p className="table-filter">
      <input
        type="search"
        value={props.value}
        placeholder={t("table.filterPlaceholder")}
        aria-label={t("table.filterLabel")}
        data-testid={props.testId}
        data-table-filter=""
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && props.value !== "") {
            event.stopPropagation();
            props.onChange("");
          }
        }}
      />
      <span className="muted" data-testid={`${props.testId}-count`}>
        {t("table.shownOfTotal", { shown: count(props.shown), total: count(props.total) })}
      </span>
    </p>
  );
}
