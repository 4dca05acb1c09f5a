import { Fragment, memo } from 'react';

/** One key/value row; keys wrap at their dots, long values wrap, JSON values arrive already indented. */
export const AttributeRow = memo(function AttributeRow({ name, value, json }: { name: string; value: string; json: string | null }) {
  return (
    <tr data-testid="attribute-row" data-key={name} className="align-top">
      <th scope="row" className="w-[45%] break-words py-0.5 pr-2 text-left font-mono font-normal text-muted">
        {name.split('.').map((part, i) => (
          <Fragment key={i}>
            {i > 0 && (
              <>
                .<wbr />
              </>
            )}
            {part}
          </Fragment>
        ))}
      </th>
      <td className="py-0.5 font-mono">
        {json === null ? (
          <span className="whitespace-pre-wrap break-words">{value}</span>
        ) : (
          <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-words rounded bg-page p-1">{json}</pre>
        )}
      </td>
    </tr>
  );
});
